// Segment HTTP Tracking API emulation as a pure function: (path, headers, body bytes) → answer + what was accepted.
import { parseJson } from './http-util.mjs';
import { validateEvent } from './validate.mjs';

/** Limits from Segment's HTTP API docs ("Max request size"; "HTTP Tracking API limits"). */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** A batch over this many events is answered 200 but its events are silently dropped. */
export const MAX_BATCH_EVENTS = 2500;

/** Single-call paths (long and analytics-next's one-letter forms) and the type each implies. */
const PATH_KINDS = {
  batch: 'batch',
  b: 'batch',
  track: 'track',
  t: 'track',
  identify: 'identify',
  i: 'identify',
  page: 'page',
  p: 'page',
  screen: 'screen',
  s: 'screen',
  group: 'group',
  g: 'group',
  alias: 'alias',
  a: 'alias',
};

/** Returns 'batch', an event type, or null when the path is not a Tracking API endpoint. */
export function matchSegmentPath(pathname) {
  const match = /^\/v1\/([a-z]+)\/?$/.exec(pathname);
  return match ? (PATH_KINDS[match[1]] ?? null) : null;
}

/** The writeKey from `Authorization: Basic base64(writeKey:)`, or undefined. */
export function writeKeyFromAuthorization(header) {
  const match = /^Basic\s+(\S+)$/i.exec(header || '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return user || undefined;
}

const byteLength = (value) => Buffer.byteLength(JSON.stringify(value));
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const ok = { success: true };
const badRequest = (error) => ({ status: 400, answer: { success: false, error } });

/** Merges a batch's top-level `context` and `integrations` into one item, as the batch docs describe (item wins). */
function mergeBatchDefaults(item, body) {
  if (!isPlainObject(item)) return item;
  const merged = { ...item };
  for (const field of ['context', 'integrations']) {
    if (isPlainObject(body[field])) merged[field] = { ...body[field], ...(isPlainObject(item[field]) ? item[field] : {}) };
  }
  return merged;
}

/**
 * Judges one Tracking API request. Returns { status, answer, writeKey, body, events, problems, rejected? }:
 * `events` are the accepted payloads with their `problems`; empty when the request is refused or dropped.
 * @returns {{ status: number, answer: any, writeKey?: string, body: any, events: any[], problems: string[], rejected?: string }}
 */
export function handleSegmentRequest({ kind, headers, raw }) {
  const text = raw.toString('utf8');
  const parsed = parseJson(text);
  const authKey = writeKeyFromAuthorization(headers.authorization);
  const result = { writeKey: authKey, body: parsed.ok ? parsed.value : text, events: [], problems: [] };

  if (!parsed.ok || !isPlainObject(parsed.value)) return { ...result, ...badRequest('Invalid JSON') };
  const body = parsed.value;
  const bodyKey = typeof body.writeKey === 'string' && body.writeKey ? body.writeKey : undefined;
  result.writeKey = bodyKey ?? authKey;
  if (!result.writeKey) result.problems.push('missing_write_key');
  if (bodyKey && authKey && bodyKey !== authKey) result.problems.push('write_key_mismatch');

  if (kind !== 'batch') {
    if (raw.length > MAX_EVENT_BYTES) return { ...result, ...badRequest(`Event over ${MAX_EVENT_BYTES} bytes`) };
    const { writeKey: _key, ...event } = body;
    return { ...result, status: 200, answer: ok, events: [{ ...event, problems: validateEvent(event, kind) }] };
  }

  if (raw.length > MAX_BATCH_BYTES) return { ...result, ...badRequest(`Batch over ${MAX_BATCH_BYTES} bytes`) };
  if (!Array.isArray(body.batch)) return { ...result, status: 200, answer: ok, problems: [...result.problems, 'missing_batch'] };
  const oversized = body.batch.findIndex((item) => byteLength(item) > MAX_EVENT_BYTES);
  if (oversized >= 0) return { ...result, ...badRequest(`Event ${oversized} over ${MAX_EVENT_BYTES} bytes`) };
  if (body.batch.length > MAX_BATCH_EVENTS) {
    return { ...result, status: 200, answer: ok, rejected: 'too_many_events' };
  }
  const events = body.batch.map((item) => {
    const event = mergeBatchDefaults(item, body);
    return { ...event, problems: validateEvent(event) };
  });
  return { ...result, status: 200, answer: ok, events };
}
