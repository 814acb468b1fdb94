// The ajs_ query string, read once at load as analytics-next does: ajs_aid, ajs_uid (+ ajs_trait_*), ajs_event (+ ajs_prop_*).
import type { JsonObject } from '../event/types';

/** What the query string asks for; pure. */
export interface QueryStringCalls {
  anonymousId?: string;
  identify?: { userId: string; traits: JsonObject };
  track?: { event: string; properties: JsonObject };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Reads `?ajs_uid=...&ajs_event=...` (the first value of a repeated key wins).
 * @example parseQueryString('?ajs_event=Clicked%20Email&ajs_prop_campaign=Spring') // { track: { event: 'Clicked Email', properties: { campaign: 'Spring' } } }
 */
export function parseQueryString(search: string): QueryStringCalls {
  const params: Record<string, string> = {};
  for (const pair of search.replace(/^[?#]/, '').split('&')) {
    const equals = pair.indexOf('=');
    const key = decode(equals < 0 ? pair : pair.slice(0, equals));
    if (key && !(key in params)) params[key] = decode(equals < 0 ? '' : pair.slice(equals + 1));
  }
  const pick = (prefix: string) => {
    const picked: JsonObject = {};
    for (const key in params) if (key.startsWith(prefix) && key.length > prefix.length) picked[key.slice(prefix.length)] = params[key];
    return picked;
  };
  const calls: QueryStringCalls = {};
  if (params.ajs_aid) calls.anonymousId = params.ajs_aid;
  if (params.ajs_uid) calls.identify = { userId: params.ajs_uid, traits: pick('ajs_trait_') };
  if (params.ajs_event) calls.track = { event: params.ajs_event, properties: pick('ajs_prop_') };
  return calls;
}

/** The part of the instance the query string calls. */
interface Target {
  setAnonymousId(id?: string): unknown;
  identify(...args: unknown[]): unknown;
  track(...args: unknown[]): unknown;
}

/** Makes the calls the query string asks for, in analytics-next's order: anonymousId, identify, track. */
export function applyQueryString(analytics: Target, search: string): void {
  const calls = parseQueryString(search);
  if (calls.anonymousId) analytics.setAnonymousId(calls.anonymousId);
  if (calls.identify) analytics.identify(calls.identify.userId, calls.identify.traits);
  if (calls.track) analytics.track(calls.track.event, calls.track.properties);
}
