// Validates load() options once into a frozen, normalised Config; every later stage trusts it.
import { logError } from '../errors';
import { deepFreeze } from './freeze';
import { copyInput } from './copy';
import { DESTINATIONS, type DestinationOptions } from '../destinations/registry';
import type { DestinationEntry } from '../destinations/destination';
import type { ConsentOption } from '../consent/start';
import type { EventDefinitionOptions } from '../rules/definitions';
import { readSession, type SessionConfig } from '../session/options';
import { readCrossDomain } from '../identity/cross-domain-options';
import { readBufferConfig, type BufferConfig, type BufferOptionsInput } from '../delivery/buffer-config';
import {
  createProblems,
  fieldsOf,
  readAny,
  readBoolean,
  readChoice,
  readApiHost,
  readInteger,
  readObject,
  readString,
  type Fields,
  type Problems,
} from './readers';

/**
 * The options a site passes to `load(writeKey, options)` or the snippet's `analytics.load` (docs/options.md): these, plus
 * one option per registered destination (`segment`, `customerio`; DestinationOptions). Any other key fails to compile.
 */
export type Options = CoreOptions & DestinationOptions;

/** The options that are not a destination's own. */
export interface CoreOptions {
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
  consent?: {
    required?: boolean;
    /** Destination → the category id (or ids) it needs: yours, or the CMP's own (`'C0002'`, `'marketing'`, `'1'`, `'ad_storage'`). */
    categories?: Record<string, string | string[]>;
    /** A destination with several categories needs `'all'` (default) or `'any'` of them. */
    match?: 'all' | 'any';
    honorGPC?: boolean;
    /** Read the choice from the site's CMP: `'onetrust'`, `'cookiebot'`, `'tcf'` or `'gcm'` (src/consent/sources/list.ts; checked at load). */
    from?: string;
    /** How long to wait for the CMP's first answer before warning that events are held (default 10000). */
    waitMs?: number;
  };
  /** PII keys hashed or removed before any destination (docs/middleware.md). */
  redact?: { properties?: string[]; traits?: string[]; method?: 'hash' | 'remove' };
  /** Read the ajs_ query string at load (default true). */
  useQueryString?: boolean;
  /** Automatic page views for single-page apps: `'history'` (path or query changes) or `'history+hash'`; default none. */
  pageviews?: 'none' | 'history' | 'history+hash';
  /**
   * ESM `load()` only: the `window` property it sets to the instance, so plain-JS code can call `analytics.track(...)` as
   * with analytics.js (default `'analytics'`; `false` sets none; an existing value is never replaced). The script tag
   * always uses the global the snippet chose.
   */
  global?: string | false;
  /**
   * Sends every destination through your first-party edge (`tally/edge`): a path on this page's origin such as `'/t'`, or
   * a URL. Nothing then goes to a third-party host, and same-origin batches are gzipped. See docs/edge.md.
   */
  edge?: string;
  /** The no-code tracker: event definitions by event name (docs/nocode.md). */
  events?: Record<string, EventDefinitionOptions>;
  /**
   * A rules document `{ version, events, plan? }` fetched at load (a path or a URL, same origin or CORS): rules change
   * without a deploy. Its definitions win over inline `events` of the same name (docs/nocode.md "Rules from a URL").
   */
  rulesUrl?: string;
  /** The durable buffer: bounds per destination and storage (see docs/buffer.md). */
  buffer?: BufferOptionsInput;
  /** The page's data layer: `{ name }` of its array, `ecommerce: true` to send GA4 ecommerce pushes as Segment's events (docs/nocode.md). */
  dataLayer?: { name?: string; ecommerce?: boolean };
  /** Sessions (docs/sessions.md): on by default; `false` turns them off; `timeoutMinutes` defaults to 30. */
  session?: boolean | { timeoutMinutes?: number };
  /** Self-declared crawlers (docs/sessions.md): `'drop'` (default) sends nothing for them, `'flag'` marks their events. */
  bots?: BotsMode;
  /** One `track('Page Left', { engagedMs, maxScrollPercent, path, url, title })` per page view (docs/page-leave.md); default false. */
  pageLeave?: boolean;
  /** Links to these domains (and their subdomains) carry the visitor's anonymousId when clicked (docs/page-leave.md "Cross-domain identity"). */
  crossDomain?: { domains: string[] };
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
  /** Each configured destination's validated settings, by its registry key (`segment`, `customerio`); absent when off. */
  destinations: Readonly<Record<string, unknown>>;
  /** Every registry key and its `integrations` name (`{ customerio: 'Customer.io' }`), for the rules' `destinations` toggles. */
  integrationNames: Readonly<Record<string, string>>;
  /** Load-level integration booleans, merged under each call's `options.integrations`. */
  integrations: Readonly<Record<string, boolean>>;
  flushAt: number;
  flushIntervalMs: number;
  initialPageview: boolean;
  debug: boolean;
  cookie: CookieConfig;
  /** The raw plan, compiled by the plan piece (which reports its own errors); null without one. */
  plan: object | null;
  /** The raw `consent` option, validated by the consent piece (src/consent/piece.ts); null without one. */
  consent: ConsentOption | null;
  /** The raw `redact` option, validated by the middleware piece; null without one. */
  redact: unknown;
  useQueryString: boolean;
  /** page() on each real URL change (and back/forward-cache restore); null: only the calls the site makes. */
  pageviews: 'history' | 'history+hash' | null;
  /** The window property ESM load() sets to the instance; null for none. */
  global: string | null;
  /** The first-party edge every destination goes through (a path on this origin or a URL); null without one. */
  edge: string | null;
  /** The raw `events` option, read into definitions by the rules piece (which reports their errors); null without one. */
  events: Record<string, unknown> | null;
  /** The rules document's URL, fetched and validated by the rules piece; null without one. */
  rulesUrl: string | null;
  buffer: BufferConfig;
  /** The raw `dataLayer` option, validated by the tracker piece; null without one. */
  dataLayer: Record<string, unknown> | null;
  /** The session's timeout; null with `session: false`. */
  session: SessionConfig | null;
  bots: BotsMode;
  /** Page Left events (the pageleave piece). */
  pageLeave: boolean;
  /** The hostnames whose links carry `ajs_aid` and `tally_ts` when clicked (lower case); null without `crossDomain`. */
  crossDomain: readonly string[] | null;
}

/** What tally does with crawlers: drop their events, flag them (`context.bot`), nothing, or drop automation too. */
export type BotsMode = 'drop' | 'flag' | 'off' | 'strict';
const BOTS_MODES: readonly BotsMode[] = ['drop', 'flag', 'off', 'strict'];

export const DEFAULT_FLUSH_AT = 20;
export const DEFAULT_FLUSH_INTERVAL_MS = 5000;
/** analytics.js keeps identity cookies for a year. */
export const DEFAULT_COOKIE_MAX_AGE_DAYS = 365;

/**
 * Turns user options into a Config. Never throws: each bad field is logged once with its name and
 * falls back to its default; the rest of the options still apply.
 * @example createConfig('KEY', { flushAt: 10, segment: { apiHost: 'http://127.0.0.1:8787/v1' } })
 */
export function createConfig(writeKey: unknown, options: unknown, registry: readonly DestinationEntry[] = DESTINATIONS): Config {
  const problems = createProblems();
  const config = readConfig(problems, writeKey, options, registry);
  problems.errors.forEach(logError);
  return config;
}

/** The pure part of createConfig: reads options, recording problems instead of logging them. */
export function readConfig(
  problems: Problems,
  writeKeyInput: unknown,
  optionsInput: unknown,
  registry: readonly DestinationEntry[] = DESTINATIONS,
): Config {
  // Each option is read once below, from tally's own copy (a throwing getter costs only its field, and freezing the
  // config never freezes the caller's objects); any other key is reported as unknown at the end.
  const read = fieldsOf(problems, 'options', copyInput(problems, 'options', optionsInput), '');
  const writeKey = readString(problems, 'writeKey', writeKeyInput) ?? '';
  const integrations = read('integrations', readObject);
  const edge = read('edge', readEdge);
  const destinations: Record<string, unknown> = {};
  for (const entry of registry) {
    const settings = entry.read(problems, read(entry.key, readAny), { writeKey, integrations, edge });
    if (settings) destinations[entry.key] = settings;
  }
  const integrationNames = Object.fromEntries(registry.map((entry) => [entry.key, entry.name]));
  // The raw option for an on-demand piece, which validates it; null without one.
  const piece = (key: string) => (read(key, readAny) === undefined ? null : read(key, readObject));

  const config = deepFreeze({
    writeKey,
    destinations,
    integrationNames,
    integrations: Object.fromEntries(Object.entries(integrations).filter(([, value]) => typeof value === 'boolean')) as Record<
      string,
      boolean
    >,
    flushAt: read('flushAt', readInteger, DEFAULT_FLUSH_AT, 1, 2500),
    flushIntervalMs: read('flushInterval', readInteger, DEFAULT_FLUSH_INTERVAL_MS, 0, 3_600_000),
    initialPageview: read('initialPageview', readBoolean, false),
    debug: read('debug', readBoolean, false),
    cookie: readCookie(read('cookie', fieldsOf)),
    plan: piece('plan'),
    consent: piece('consent'),
    redact: read('redact', readAny) ?? null,
    useQueryString: read('useQueryString', readBoolean, true),
    pageviews: readPageviews(read('pageviews', readChoice<PageviewOption>, PAGEVIEW_OPTIONS, 'none')),
    global: read('global', readGlobal),
    edge: edge ?? null,
    events: piece('events'),
    rulesUrl: read('rulesUrl', readString) ?? null,
    buffer: readBufferConfig(problems, read('buffer', readAny)),
    dataLayer: piece('dataLayer'),
    session: read('session', readSession),
    bots: read('bots', readChoice<BotsMode>, BOTS_MODES, 'drop'),
    pageLeave: read('pageLeave', readBoolean, false),
    crossDomain: read('crossDomain', readCrossDomain),
  });
  read.unknown();
  return config;
}

/** `edge`: a path on this origin (`/t`) or an http(s) URL, kept without a trailing slash. */
function readEdge(problems: Problems, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^\/[\w./-]*$/.test(value)) return value.replace(/\/+$/, '');
  return readApiHost(problems, field, value);
}

/** `pageviews`: 'none' (the default, as analytics.js: no automatic page views) reads as null. */
const readPageviews = (mode: PageviewOption) => (mode === 'none' ? null : mode);
type PageviewOption = 'none' | 'history' | 'history+hash';
const PAGEVIEW_OPTIONS: readonly PageviewOption[] = ['none', 'history', 'history+hash'];

/** `global`: a property name, or false for none; `'analytics'` by default. */
function readGlobal(problems: Problems, field: string, value: unknown): string | null {
  if (value === false) return null;
  if (value === undefined) return 'analytics';
  if (typeof value === 'string' && value) return value;
  problems.flag('T111', field, value, 'analytics');
  return 'analytics';
}

/**
 * A cookie Domain: hostname labels (letters, digits, hyphens), optionally with a leading dot. A Path: `/` then no `;`,
 * `,`, whitespace or control character. Both are spliced into `document.cookie`, so `'localhost; Max-Age=0'` must not pass.
 */
const COOKIE_DOMAIN = /^\.?[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*$/i;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses.
const COOKIE_PATH = /^\/[^;,\s\0-\x1f\x7f]*$/;

/** A string cookie attribute that `valid` accepts, else reported by its code (T109 a domain, T110 a path) and undefined. */
const readCookieAttribute =
  (valid: RegExp, code: string) =>
  (problems: Problems, field: string, value: unknown): string | undefined => {
    const text = readString(problems, field, value);
    if (text === undefined || valid.test(text)) return text;
    problems.flag(code, field, value);
    return undefined;
  };
const readCookieDomain = readCookieAttribute(COOKIE_DOMAIN, 'T109');
const readCookiePath = readCookieAttribute(COOKIE_PATH, 'T110');

/** `cookie: { domain, maxage, path, sameSite, secure }`, as analytics.js takes it. */
function readCookie(read: Fields): CookieConfig {
  return {
    domain: read('domain', readCookieDomain),
    maxAgeDays: read('maxage', readInteger, DEFAULT_COOKIE_MAX_AGE_DAYS, 0, 3650),
    path: read('path', readCookiePath) ?? '/',
    sameSite: read('sameSite', readChoice<CookieConfig['sameSite']>, ['Lax', 'Strict', 'None'], 'Lax'),
    secure: read('secure', readBoolean, false),
  };
}
