// Customer.io emulation as a pure function: Track API v1 and v2 (Basic auth, limits, 207 partial failures) and Pipelines.
import { parseJson } from './http-util.mjs';
import { handleSegmentRequest, matchSegmentPath } from './segment.mjs';

/** Track API limits (https://docs.customer.io/api/track/ "Track API limits"; v2 batch and entity sizes). */
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_ITEM_BYTES = 32 * 1024;
export const MAX_EVENT_DATA_BYTES = 100_000;
export const MAX_EVENT_NAME_BYTES = 100;
export const MAX_ATTRIBUTES = 300;
export const MAX_ATTRIBUTE_NAME_BYTES = 150;
export const MAX_ATTRIBUTE_VALUE_BYTES = 1000;
/** Pipelines (Segment-format) requests live under this prefix on the API origin: `/cdp/v1/batch`. */
export const PIPELINES_PREFIX = '/cdp';
/** A batch item with this attribute set is refused in a 207, so tests can trigger a partial failure. */
export const REJECT_MARK = 'collector_reject';
/** An apiKey the collector treats as wrong (401), so tests can trigger an auth failure. */
export const WRONG_API_KEY = 'wrong-key';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const PERSON_ACTIONS = ['identify', 'event', 'page', 'screen'];
const bytes = (value) => Buffer.byteLength(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The kind of Customer.io request a path is, or null: `v1:identify` (PUT /api/v1/customers/:id), `v1:event`
 * (POST …/customers/:id/events), `v1:anonymous` (POST /api/v1/events), `v2:batch`, `v2:entity`, `cdp:<segment kind>`.
 */
export function matchCustomerioPath(pathname) {
  if (pathname.startsWith(PIPELINES_PREFIX + '/')) {
    const kind = matchSegmentPath(pathname.slice(PIPELINES_PREFIX.length));
    return kind ? `cdp:${kind}` : null;
  }
  if (pathname === '/api/v1/events') return 'v1:anonymous';
  if (pathname === '/api/v2/batch') return 'v2:batch';
  if (pathname === '/api/v2/entity') return 'v2:entity';
  if (/^\/api\/v1\/customers\/[^/]+$/.test(pathname)) return 'v1:identify';
  if (/^\/api\/v1\/customers\/[^/]+\/events$/.test(pathname)) return 'v1:event';
  return null;
}

/** The method each kind takes (identify is a PUT). */
export const methodFor = (kind) => (kind === 'v1:identify' ? 'PUT' : 'POST');

/** `{ siteId, apiKey }` from `Authorization: Basic base64(siteId:apiKey)`, or undefined. */
export function readBasicAuth(header) {
  const match = /^Basic\s+(\S+)$/i.exec(header || '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || colon === decoded.length - 1) return undefined;
  return { siteId: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

/** Checks that a person's identifiers name exactly one of id, email, phone, cio_id with a non-empty string. */
function identifierProblems(identifiers) {
  if (!isPlainObject(identifiers)) return ['missing_identifiers'];
  const keys = Object.keys(identifiers);
  if (keys.length !== 1 || !['id', 'email', 'phone', 'cio_id'].includes(keys[0])) return ['invalid_identifiers'];
  const value = identifiers[keys[0]];
  return typeof value === 'string' && value ? [] : ['invalid_identifiers'];
}

/** Problems of an attributes / data object against Customer.io's limits. */
function attributeProblems(attributes, { person }) {
  if (attributes === undefined) return [];
  if (!isPlainObject(attributes)) return ['invalid_attributes'];
  const problems = [];
  const names = Object.keys(attributes);
  if (!person) return bytes(attributes) > MAX_EVENT_DATA_BYTES ? ['data_too_large'] : [];
  if (names.length > MAX_ATTRIBUTES) problems.push('too_many_attributes');
  if (names.some((name) => bytes(name) > MAX_ATTRIBUTE_NAME_BYTES)) problems.push('attribute_name_too_long');
  if (names.some((name) => bytes(attributes[name]) > MAX_ATTRIBUTE_VALUE_BYTES)) problems.push('attribute_value_too_long');
  return problems;
}

/** Problems of the fields every event shape shares: name, ULID id, timestamp in seconds. */
function eventProblems(item) {
  const problems = [];
  if (typeof item.name !== 'string' || !item.name.trim()) problems.push('missing_name');
  else if (bytes(item.name) > MAX_EVENT_NAME_BYTES) problems.push('name_too_long');
  if (item.id !== undefined && !(typeof item.id === 'string' && ULID.test(item.id))) problems.push('invalid_id');
  problems.push(...timestampProblems(item.timestamp));
  return problems;
}

function timestampProblems(timestamp) {
  if (timestamp === undefined) return [];
  if (!Number.isInteger(timestamp)) return ['invalid_timestamp'];
  // Unix seconds; milliseconds are a common mistake and land in the year 50,000+.
  return timestamp > 1e11 ? ['timestamp_in_ms'] : [];
}

/**
 * A record of one accepted Customer.io operation, shaped so the viewer and tests can read it next to Segment
 * events: `type` is the action, `messageId` the dedupe id, plus the original fields.
 */
function toRecord(api, item, problems) {
  return { api, ...item, type: item.action ?? item.type ?? 'event', messageId: item.id, problems };
}

/** Problems that make Customer.io refuse a v2 person item (a 207 error), versus ones recorded but accepted. */
const FATAL = [
  'missing_identifiers',
  'invalid_identifiers',
  'missing_name',
  'unknown_action',
  'item_too_large',
  'invalid_attributes',
  'marked_reject',
];

function judgeV2Item(item) {
  if (!isPlainObject(item)) return ['not_an_object'];
  if (bytes(item) > MAX_ITEM_BYTES) return ['item_too_large'];
  const problems = [];
  if (item.type !== 'person' || !PERSON_ACTIONS.includes(item.action)) problems.push('unknown_action');
  problems.push(...identifierProblems(item.identifiers));
  if (item.action !== 'identify') problems.push(...eventProblems(item));
  else problems.push(...timestampProblems(item.timestamp));
  problems.push(...attributeProblems(item.attributes, { person: item.action === 'identify' }));
  if (isPlainObject(item.attributes) && item.attributes[REJECT_MARK]) problems.push('marked_reject');
  return problems;
}

/** The person a v1 path names (`/api/v1/customers/:identifier…`), URL-decoded; its type is read from its shape, as Customer.io does. */
export function pathIdentifiers(path) {
  const value = decodeURIComponent(path.split('/')[4] ?? '');
  if (value.startsWith('cio_')) return { cio_id: value.slice(4) };
  return value.includes('@') ? { email: value } : { id: value };
}

/** Pipelines' /batch takes identify, track, page, screen and group only (its OpenAPI); an alias there is marked. */
const PIPELINES_BATCH_TYPES = ['identify', 'track', 'page', 'screen', 'group'];

/** A Pipelines request: Segment's format, except that an alias inside /batch is a problem (it goes to /alias). */
function handlePipelinesRequest({ kind, headers, raw }) {
  const result = handleSegmentRequest({ kind, headers, raw });
  if (kind !== 'batch') return result;
  const events = result.events.map((event) =>
    PIPELINES_BATCH_TYPES.includes(event.type) ? event : { ...event, problems: [...event.problems, 'not_a_pipelines_batch_type'] },
  );
  return { ...result, events };
}

/**
 * Judges one Customer.io request. Returns { status, answer, writeKey (the siteId, or the Pipelines key), body,
 * events, problems, rejected? }, like handleSegmentRequest.
 * @returns {{ status: number, answer: any, writeKey?: string, body: any, events: any[], problems: string[], rejected?: string }}
 */
export function handleCustomerioRequest({ kind, headers, raw, path = '' }) {
  if (kind.startsWith('cdp:')) return handlePipelinesRequest({ kind: kind.slice(4), headers, raw });
  const auth = readBasicAuth(headers.authorization);
  const text = raw.toString('utf8');
  const parsed = parseJson(text);
  const result = { writeKey: auth?.siteId, body: parsed.ok ? parsed.value : text, events: [], problems: [] };
  if (!auth || auth.apiKey === WRONG_API_KEY) return { ...result, status: 401, answer: { meta: { error: 'Unauthorized request' } } };
  const badRequest = (error) => ({ ...result, status: 400, answer: { meta: { errors: [error] } } });
  if (!parsed.ok || !isPlainObject(parsed.value)) return badRequest('invalid JSON');
  const body = parsed.value;

  if (kind === 'v2:batch' || kind === 'v2:entity') {
    const limit = kind === 'v2:batch' ? MAX_BATCH_BYTES : MAX_ITEM_BYTES;
    if (raw.length > limit) return badRequest(`request over ${limit} bytes`);
    const items = kind === 'v2:batch' ? body.batch : [body];
    if (!Array.isArray(items)) return badRequest('batch must be an array');
    const errors = [];
    const events = [];
    items.forEach((item, index) => {
      const problems = judgeV2Item(item);
      const fatal = problems.find((problem) => FATAL.includes(problem) || problem === 'not_an_object');
      if (fatal)
        errors.push({
          batch_index: index,
          reason: fatal,
          field: fatal === 'marked_reject' ? `attributes.${REJECT_MARK}` : '',
          message: `item ${index}: ${fatal}`,
        });
      else events.push(toRecord('v2', item, problems));
    });
    if (kind === 'v2:entity' && errors.length) return badRequest(errors[0].message);
    return errors.length ? { ...result, status: 207, answer: { errors }, events } : { ...result, status: 200, answer: {}, events };
  }

  if (kind === 'v1:identify') {
    const problems = [...attributeProblems(body, { person: true }), ...timestampProblems(body._timestamp)];
    return {
      ...result,
      status: 200,
      answer: {},
      events: [{ api: 'v1', type: 'identify', identifiers: pathIdentifiers(path), attributes: body, problems }],
    };
  }

  // v1 events: a person's (…/customers/:id/events) or an anonymous visitor's (/api/v1/events).
  if (bytes(body.data ?? {}) > MAX_EVENT_DATA_BYTES) return badRequest(`data over ${MAX_EVENT_DATA_BYTES} bytes`);
  const problems = [...eventProblems(body), ...attributeProblems(body.data, { person: false })];
  if (body.type !== undefined && !['event', 'page', 'screen'].includes(body.type)) problems.push('invalid_type');
  if (kind === 'v1:anonymous' && !(typeof body.anonymous_id === 'string' && body.anonymous_id)) problems.push('missing_anonymous_id');
  if (problems.includes('missing_name')) return badRequest('name is required');
  const identifiers = kind === 'v1:event' ? pathIdentifiers(path) : undefined;
  return {
    ...result,
    status: 200,
    answer: {},
    events: [{ ...toRecord('v1', { ...body, action: body.type ?? 'event' }, problems), identifiers }],
  };
}
