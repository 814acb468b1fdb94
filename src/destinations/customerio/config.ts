// Reads the `customerio` load() option: Track API (siteId + apiKey, or a relay apiHost) or Pipelines (writeKey).
import { attempt } from '../../errors';
import { fieldsOf, readApiHost, readChoice, readString, type Problems } from '../../config/readers';
import type { Destination, DestinationHost } from '../destination';

/** The `customerio` load() option, as users write it. */
export interface CustomerioOptions {
  siteId?: string;
  apiKey?: string;
  /** A Data Pipelines write key (a key meant for browsers): Segment-format batches to cdp.customer.io. */
  writeKey?: string;
  /** How a person is named: 'email' (traits.email, the default), 'id' (the userId), or the name of another trait. */
  identifyBy?: string;
  region?: 'us' | 'eu';
  /** A base URL replacing Customer.io's host, e.g. a first-party relay that adds the credentials on the server. */
  apiHost?: string;
}

/** The `customerio` option as the core keeps it (src/destinations/customerio/entry.ts): as given, with load()'s edge. */
export type CustomerioSettings = Record<string, unknown> & { edge?: string };

/** What the customerio piece exports (src/destinations/customerio/piece.ts); the piece contract lists it with the others. */
export interface CustomerioPiece {
  /** The destination for the option (null: it is unusable, and Customer.io is off); problems go to `reportProblems`. */
  createCustomerio(settings: CustomerioSettings, reportProblems: DestinationHost['reportProblems']): Destination | null;
}

/** The validated Customer.io settings: Pipelines when `writeKey` is set, else the Track API. */
export interface CustomerioConfig {
  /** Track API: `https://track.customer.io` (or the relay); Pipelines: `https://cdp.customer.io/v1`. */
  apiHost: string;
  writeKey?: string;
  /** Where the Track API's anonymous events and batches go under `apiHost`. */
  paths: { anonymous: string; batch: string };
  /** `Basic base64(siteId:apiKey)`; absent when a relay holds the key. */
  authorization?: string;
  identifyBy: string;
  /** The one console warning an `apiKey` in the page config gets, whatever else is set; absent without one. */
  keyWarning?: string;
}

/** The Track API's paths: anonymous events (v1) and a known person's batch (v2). */
const TRACK_PATHS = { anonymous: '/api/v1/events', batch: '/api/v2/batch' };
/** The same through the edge: neutral paths, since block lists match words such as `events`. */
const EDGE_TRACK_PATHS = { anonymous: '/1', batch: '/2' };

/** Secret keys Customer.io's SDKs refuse in browsers: `sk_` private keys (2026-10-30 release note), `ak_` (cdp-analytics-js). */
const SECRET_KEY = /^(sk|ak)_/;
/**
 * What to use instead of a key that must not be in a page. Customer.io's public `pk_` keys are made for browsers (release
 * note of 2026-10-30: they identify people and send events, nothing more); its SDKs take one as their API key, which is
 * the Pipelines key: tally's `writeKey`. No document says how the Track API would take one.
 */
const USE_INSTEAD = 'Put a public pk_ key or a Pipelines key in writeKey, or keep the key on a server (the edge, or a relay as apiHost)';

/**
 * The warning for an `apiKey` in a page config (whatever else is set), or undefined without one: every visitor can read
 * it; a private key is a workspace secret, and a public pk_ key belongs in `writeKey` (Pipelines), where Customer.io's
 * SDKs take it. When the Basic auth header it makes goes to a host that is not Customer.io's (a relay, a third party),
 * the warning names that host.
 * @example keyWarning('K', 'Basic …', 'https://third-party.example') // '… Its Authorization header goes to https://third-party.example'
 */
export function keyWarning(apiKey: string | undefined, authorization: string | undefined, apiHost: string): string | undefined {
  if (!apiKey) return undefined;
  const text = `customerio.apiKey is in the page, where every visitor can read it. ${USE_INSTEAD}`;
  // readApiHost made apiHost a URL.
  return authorization && !/\.customer\.io$/.test(new URL(apiHost).hostname)
    ? `${text}. Its Authorization header goes to ${apiHost}`
    : text;
}

/**
 * Validates `options.customerio`; null when absent, turned off, or unusable (each problem names its field).
 * @example readCustomerio(problems, { siteId: 'S', apiKey: 'K', region: 'eu' }).apiHost // 'https://track-eu.customer.io'
 */
export function readCustomerio(problems: Problems, input: unknown, edge?: string): CustomerioConfig | null {
  if (input === undefined) return null;
  const read = fieldsOf(problems, 'customerio', input);
  const siteId = read('siteId', readString);
  const apiKey = read('apiKey', readString);
  const writeKey = read('writeKey', readString);
  const eu = read('region', readChoice, ['us', 'eu'], 'us') === 'eu' ? '-eu' : '';
  const apiHost = read('apiHost', readApiHost);
  const identifyBy = read('identifyBy', readString) ?? 'email';
  read.unknown();
  // As Customer.io's own SDKs: a secret key in a page turns the destination off, whatever else is set.
  for (const [field, key] of [
    ['apiKey', apiKey],
    ['writeKey', writeKey],
  ] as const) {
    const prefix = key?.match(SECRET_KEY)?.[1];
    if (!prefix) continue;
    problems.add(`customerio.${field}`, `is a secret key (${prefix}_…), which must never be in a page: Customer.io is off. ${USE_INSTEAD}`);
    return null;
  }
  // Through the edge, which holds the Track API credentials: the page needs siteId at most, and sends no Authorization.
  if (edge) {
    const viaEdge = writeKey ? { apiHost: `${edge}/p`, paths: TRACK_PATHS } : { apiHost: `${edge}/c`, paths: EDGE_TRACK_PATHS };
    return { ...viaEdge, writeKey, authorization: undefined, identifyBy, keyWarning: keyWarning(apiKey, undefined, viaEdge.apiHost) };
  }
  if (!writeKey && !apiHost && !(siteId && apiKey)) {
    problems.add('customerio', 'needs siteId and apiKey, writeKey, or apiHost (or the edge option)');
    return null;
  }
  // Not Latin-1 (real keys are hex): sent without credentials, Customer.io answers 401 and the drops are reported.
  // Pipelines sends its writeKey in the body: a Track API key there would be sent nowhere, but is still in the page.
  const authorization = siteId && apiKey && !writeKey ? attempt(() => 'Basic ' + btoa(`${siteId}:${apiKey}`)) : undefined;
  const host = apiHost ?? (writeKey ? `https://cdp${eu}.customer.io/v1` : `https://track${eu}.customer.io`);
  return { apiHost: host, paths: TRACK_PATHS, writeKey, authorization, identifyBy, keyWarning: keyWarning(apiKey, authorization, host) };
}
