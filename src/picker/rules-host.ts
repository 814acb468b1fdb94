// Touches fetch, location and sessionStorage: the picker's calls to the edge's rules host (src/edge/rules/endpoints.ts)
// when the page's rulesUrl is one. The editor token is asked for once and kept in sessionStorage (this tab only), never
// in the page's config; it goes only to the same-origin rulesUrl, in an Authorization header.
import { attempt } from '../errors';

/** The header by which the edge says that rulesUrl is its rules host. */
const RULES_HOST_HEADER = 'x-tally-rules';
/** Where the editor token is kept for the tab. */
export const EDITOR_TOKEN_KEY = 'tally_editor_token';

/** The rules host: rulesUrl's same-origin path. */
export interface RulesHost {
  url: string;
}

/** What the host answered: the status, the JSON body, and the number its ETag names. */
export interface HostAnswer {
  status: number;
  body: Record<string, unknown>;
  etag?: number;
}

/** The same-origin path of `rulesUrl`, or undefined for one on another origin (editing is same-origin only). */
export function sameOriginPath(rulesUrl: string | null | undefined): string | undefined {
  if (!rulesUrl) return undefined;
  return attempt(() => {
    const url = new URL(rulesUrl, location.href);
    return url.origin === location.origin ? url.pathname : undefined;
  }, undefined);
}

const etagNumber = (response: Response) => {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get('etag') ?? '');
  return match ? Number(match[1]) : undefined;
};

/** The rules host behind `rulesUrl`, or undefined when it is not an edge (a static document: copy the JSON instead). */
export async function findRulesHost(rulesUrl: string | null | undefined): Promise<RulesHost | undefined> {
  const url = sameOriginPath(rulesUrl);
  if (!url) return undefined;
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.headers.get(RULES_HOST_HEADER) === 'edge' ? { url } : undefined;
  } catch {
    return undefined;
  }
}

/** The published document and its version number. */
export async function readPublished(host: RulesHost): Promise<{ number: number; events: Record<string, unknown>; plan?: unknown }> {
  const response = await fetch(host.url, { cache: 'no-store' });
  const document = (await response.json()) as { events?: Record<string, unknown>; plan?: unknown };
  return { number: etagNumber(response) ?? 0, events: document.events ?? {}, plan: document.plan };
}

/** The editor token kept for this tab, or undefined. */
export const readToken = (): string | undefined => attempt(() => sessionStorage.getItem(EDITOR_TOKEN_KEY) ?? undefined, undefined);
/** Keeps (or with undefined, forgets) the editor token for this tab. */
export const keepToken = (token: string | undefined): void =>
  attempt(() => (token ? sessionStorage.setItem(EDITOR_TOKEN_KEY, token) : sessionStorage.removeItem(EDITOR_TOKEN_KEY)));

/** Calls an editing endpoint (`''` publish, `/draft`, `/versions`, `/rollback`) with the token; never rejects. */
export async function callHost(
  host: RulesHost,
  path: '' | '/draft' | '/versions' | '/rollback',
  init: { method?: string; ifMatch?: number; body?: unknown } = {},
): Promise<HostAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${readToken() ?? ''}` };
  if (init.ifMatch !== undefined) headers['if-match'] = `"${init.ifMatch}"`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(host.url + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body, etag: etagNumber(response) };
  } catch (error) {
    return { status: 0, body: { error: `the edge is unreachable (${error instanceof Error ? error.message : String(error)})` } };
  }
}
