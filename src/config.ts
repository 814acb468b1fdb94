// Validates load() options once into a frozen, normalised Config; every later stage trusts it.
import { logError } from './errors';
import { readCustomerio, type CustomerioConfig, type CustomerioOptions } from './customerio-config';
import type { ConsentOption } from './consent';
import { readEvents, type Definition, type EventDefinitionOptions } from './rules/definitions';
import { readBufferConfig, type BufferConfig, type BufferOptionsInput } from './buffer-config';
import { createProblems, readApiHost, readBoolean, readChoice, readInteger, readObject, readString, type Problems } from './check';

/** The options a site passes to `load(writeKey, options)` or the snippet's `analytics.load`. */
export interface Options {
  /** Segment's Tracking API. `writeKey` defaults to load()'s first argument. */
  segment?: { writeKey?: string; apiHost?: string };
  /** Customer.io: Track API (siteId + apiKey, or a relay apiHost) or Pipelines (writeKey). See docs/customerio.md. */
  customerio?: CustomerioOptions;
  /** analytics.js spelling: `{ 'Segment.io': { apiHost, protocol } }`; booleans turn destinations off for every event. */
  integrations?: Record<string, unknown>;
  /** Send when this many events wait (default 20). */
  flushAt?: number;
  /** Send at most this many ms after an event was queued (default 5000). */
  flushInterval?: number;
  /** Call page() once at load (default false: the snippet already does). */
  initialPageview?: boolean;
  /** Log each event and every delivery step to the console. */
  debug?: boolean;
  /** The identity cookies, as analytics.js's `cookie` option. */
  cookie?: { domain?: string; maxage?: number; path?: string; sameSite?: 'Lax' | 'Strict' | 'None'; secure?: boolean };
  /** Tracking plan (docs/plan.md). */
  plan?: object;
  /** Consent (docs/consent.md). */
  consent?: { required?: boolean; categories?: Record<string, string>; honorGPC?: boolean };
  /** PII keys hashed or removed before any destination (docs/middleware.md). */
  redact?: { properties?: string[]; traits?: string[]; method?: 'hash' | 'remove' };
  /** Read the ajs_ query string at load (default true). */
  useQueryString?: boolean;
  /** The no-code tracker: event definitions by event name (docs/nocode.md). */
  events?: Record<string, EventDefinitionOptions>;
  /** The durable buffer: bounds per destination and storage (see docs/buffer.md). */
  buffer?: BufferOptionsInput;
  [key: string]: unknown;
}

/** Where and how identity cookies are written. */
export interface CookieConfig {
  /** undefined: find the top-level domain as analytics.js does. */
  domain?: string;
  maxAgeDays: number;
  path: string;
  sameSite: 'Lax' | 'Strict' | 'None';
  secure: boolean;
}

/** The validated, frozen configuration. */
export interface Config {
  writeKey: string;
  segment: { writeKey: string; apiHost: string } | null;
  customerio: CustomerioConfig | null;
  /** Load-level integration booleans, merged under each call's `options.integrations`. */
  integrations: Readonly<Record<string, boolean>>;
  flushAt: number;
  flushIntervalMs: number;
  initialPageview: boolean;
  debug: boolean;
  cookie: CookieConfig;
  /** The raw plan, compiled by the plan piece (which reports its own errors); null without one. */
  plan: object | null;
  /** The raw `consent` option, validated by the consent piece (src/chunks/consent.ts); null without one. */
  consent: ConsentOption | null;
  /** The raw `redact` option, validated by the middleware piece; null without one. */
  redact: unknown;
  useQueryString: boolean;
  /** Valid event definitions (bad ones were reported and left out). */
  events: Definition[];
  buffer: BufferConfig;
}

export const DEFAULT_SEGMENT_API_HOST = 'https://api.segment.io/v1';
export const DEFAULT_FLUSH_AT = 20;
export const DEFAULT_FLUSH_INTERVAL_MS = 5000;
/** analytics.js keeps identity cookies for a year. */
export const DEFAULT_COOKIE_MAX_AGE_DAYS = 365;

const KNOWN_KEYS = new Set(['segment', 'integrations', 'flushAt', 'flushInterval', 'initialPageview', 'debug', 'cookie', 'customerio', 'events', 'plan', 'consent', 'redact', 'useQueryString', 'buffer']);

/**
 * Turns user options into a Config. Never throws: each bad field is logged once with its name and
 * falls back to its default; the rest of the options still apply.
 * @example createConfig('KEY', { flushAt: 10, segment: { apiHost: 'http://127.0.0.1:8787/v1' } })
 */
export function createConfig(writeKey: unknown, options: unknown): Config {
  const problems = createProblems();
  const config = readConfig(problems, writeKey, options);
  problems.errors.forEach(logError);
  return config;
}

/** The pure part of createConfig: reads options, recording problems instead of logging them. */
export function readConfig(problems: Problems, writeKeyInput: unknown, optionsInput: unknown): Config {
  const options = readObject(problems, 'options', optionsInput);
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) problems.add(key, 'is not a tally option; ignored');
  }
  const writeKey = writeKeyInput === undefined ? '' : readString(problems, 'writeKey', writeKeyInput) ?? '';
  const integrations = readObject(problems, 'integrations', options.integrations);
  const segmentIo = readObject(problems, "integrations['Segment.io']", typeof integrations['Segment.io'] === 'object' ? integrations['Segment.io'] : undefined);
  const segment = readObject(problems, 'segment', options.segment);
  const protocol = readChoice(problems, "integrations['Segment.io'].protocol", segmentIo.protocol, ['https', 'http'] as const, 'https');
  const segmentWriteKey = readString(problems, 'segment.writeKey', segment.writeKey) ?? writeKey;
  const apiHost =
    readApiHost(problems, 'segment.apiHost', segment.apiHost) ??
    readApiHost(problems, "integrations['Segment.io'].apiHost", segmentIo.apiHost, protocol) ??
    DEFAULT_SEGMENT_API_HOST;
  // As analytics-next: `All: false` at load turns Segment off too, unless 'Segment.io' is true.
  const segmentOff = integrations['Segment.io'] === false || (integrations.All === false && !integrations['Segment.io']);

  return deepFreeze({
    writeKey,
    segment: segmentWriteKey && !segmentOff ? { writeKey: segmentWriteKey, apiHost } : null,
    customerio: integrations['Customer.io'] === false ? null : readCustomerio(problems, options.customerio),
    integrations: readIntegrationToggles(integrations),
    flushAt: readInteger(problems, 'flushAt', options.flushAt, DEFAULT_FLUSH_AT, 1, 2500),
    flushIntervalMs: readInteger(problems, 'flushInterval', options.flushInterval, DEFAULT_FLUSH_INTERVAL_MS, 0, 3_600_000),
    initialPageview: readBoolean(problems, 'initialPageview', options.initialPageview, false),
    debug: readBoolean(problems, 'debug', options.debug, false),
    cookie: readCookie(problems, options.cookie),
    plan: options.plan === undefined ? null : readObject(problems, 'plan', options.plan),
    consent: options.consent === undefined ? null : readObject(problems, 'consent', options.consent),
    redact: options.redact ?? null,
    useQueryString: readBoolean(problems, 'useQueryString', options.useQueryString, true),
    events: readEvents(problems, options.events),
    buffer: readBufferConfig(problems, options.buffer),
  });
}

function readIntegrationToggles(integrations: Record<string, unknown>): Record<string, boolean> {
  const toggles: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(integrations)) if (typeof value === 'boolean') toggles[name] = value;
  return toggles;
}

function readCookie(problems: Problems, input: unknown): CookieConfig {
  const cookie = readObject(problems, 'cookie', input);
  return {
    domain: readString(problems, 'cookie.domain', cookie.domain),
    maxAgeDays: readInteger(problems, 'cookie.maxage', cookie.maxage, DEFAULT_COOKIE_MAX_AGE_DAYS, 0, 3650),
    path: readString(problems, 'cookie.path', cookie.path) ?? '/',
    sameSite: readChoice(problems, 'cookie.sameSite', cookie.sameSite, ['Lax', 'Strict', 'None'] as const, 'Lax'),
    secure: readBoolean(problems, 'cookie.secure', cookie.secure, false),
  };
}

/** Freezes an object and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
