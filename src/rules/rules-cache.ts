// Touches localStorage and fetch: the rules document's stale-while-revalidate copy. The last good document is kept (one,
// bounded, with its version and ETag) so the next load applies it at once; the fresh copy is asked for with If-None-Match.
import { TallyError, attempt } from '../errors';
import type { RulesDocument } from './document';

/** The localStorage key of the last good document: one document, whatever the URL, so the storage used stays bounded. */
export const RULES_STORAGE_KEY = 'tally_rules';
/** The largest document kept, in characters of its JSON; a larger one still applies, but is fetched again at each load. */
export const MAX_STORED_CHARS = 256 * 1024;

/** The last good document, where it came from, and its ETag for revalidation. */
export interface StoredRules {
  url: string;
  version: string;
  etag?: string;
  document: RulesDocument;
}

/** The stored document for `url`, or undefined (none, another URL's, or unreadable storage). */
export function readStoredRules(url: string): StoredRules | undefined {
  const stored = attempt(() => JSON.parse(localStorage.getItem(RULES_STORAGE_KEY) ?? 'null') as StoredRules | null);
  return stored && stored.url === url && stored.document ? stored : undefined;
}

/** Keeps `stored` as the last good document; false when it is too large or storage refuses it. */
export function storeRules(stored: StoredRules): boolean {
  const text = JSON.stringify(stored);
  if (text.length > MAX_STORED_CHARS) return false;
  return attempt(() => {
    localStorage.setItem(RULES_STORAGE_KEY, text);
    return true;
  }, false);
}

/** What revalidation found: the stored copy is current (304), or a fresh document (parsed JSON) with its ETag. */
export type Revalidated = { fresh: false } | { fresh: true; body: unknown; etag?: string };

/**
 * Fetches `url`, with `If-None-Match: etag` when there is a stored copy (a cross-origin server must allow that header
 * and expose ETag). Rejects with a TallyError saying what went wrong: unreachable, an error status, not JSON.
 */
export async function revalidate(url: string, etag?: string): Promise<Revalidated> {
  let response: Response;
  try {
    // With a conditional header the browser hands the 304 over as it is; without one, no-cache still asks the server.
    response = await fetch(url, etag ? { headers: { 'If-None-Match': etag } } : { cache: 'no-cache' });
  } catch (error) {
    throw new TallyError(`unreachable (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status === 304) return { fresh: false };
  if (!response.ok) throw new TallyError(`answered ${response.status}`);
  const text = await response.text();
  const body = attempt(() => JSON.parse(text) as unknown, undefined);
  if (body === undefined) throw new TallyError('is not JSON');
  return { fresh: true, body, etag: response.headers.get('etag') ?? undefined };
}
