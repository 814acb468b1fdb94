// The edge as the rules host, under {base}/rules: the published document for every visitor (serve.ts), a draft for a
// browser holding a preview token, and the editing endpoints (publish, draft, versions, rollback: write.ts) for editors'
// bearer tokens, same-origin only, with If-Match on every write (412 for a stale one) and wrong tokens rate limited.
import type { RequestOrigin } from '../origin';
import { bearerToken } from './editors';
import { MAX_REFUSED } from './refusals';
import { createRulesHost, json, type RulesConfig, type RulesHost } from './rules-host';
import { serveRules } from './serve';
import { writeRules } from './write';

export type { RulesConfig };
export { RULES_HOST_HEADER } from './serve';
export { readIfMatch } from './write';

/** How many versions GET {base}/rules/versions lists (newest first). */
const MAX_LISTED_VERSIONS = 50;
/** The methods each editing path takes. */
const EDITING: Readonly<Record<string, readonly string[]>> = {
  '': ['PUT'],
  '/draft': ['GET', 'PUT'],
  '/versions': ['GET'],
  '/rollback': ['POST'],
};

/** An editor's request: the endpoint for its path and method. */
async function edit(host: RulesHost, path: string, request: Request, editor: string): Promise<Response> {
  const { workspace } = host;
  if (path === '/versions') {
    const { number } = await workspace.latest('published');
    return json(200, { current: number, versions: await workspace.versions(MAX_LISTED_VERSIONS) }, { ETag: `"${number}"` });
  }
  if (path === '/draft' && request.method === 'GET') {
    const { number, record } = await workspace.latest('draft');
    return json(200, { number, ...record }, { ETag: `"${number}"` });
  }
  return writeRules(host, path === '/draft' ? 'draft' : 'published', request, editor, path === '/rollback');
}

/** Who is asking, or the refusal: same origin, not rate limited, a known editor's token. */
async function identify(host: RulesHost, request: Request, origin: RequestOrigin, address: string): Promise<string | Response> {
  const { refusals } = host;
  if (origin.cross !== null) return json(403, { error: 'editing the rules is same-origin only' });
  const blocked = refusals.blockedFor(address);
  if (blocked) return json(429, { error: 'too many wrong editor tokens; try again later' }, { 'Retry-After': String(blocked) });
  const token = bearerToken(request.headers.get('authorization'));
  const editor = token && (await host.editors.identify(token));
  if (editor) return editor;
  const headers = { 'WWW-Authenticate': 'Bearer realm="tally rules"' };
  if (!token) return json(401, { error: 'an editor token is required (Authorization: Bearer …)' }, headers);
  // Counted, and said once per address and window when it reaches the limit (never the token itself).
  if (refusals.refuse(address) === MAX_REFUSED)
    console.warn(
      `tally edge: ${MAX_REFUSED} wrong editor tokens from ${address}; its editing requests get 429 for a while (${refusals.total()} refused since start)`,
    );
  return json(401, { error: 'this editor token is not valid' }, headers);
}

/**
 * The rules endpoints under `basePath`: `matches(pathname)`, then `handle(request, origin, address)`.
 * @example const rules = createRulesEndpoints(config.rules, '/t'); if (rules.matches(path)) return rules.handle(request, origin, ip);
 */
export function createRulesEndpoints(config: RulesConfig, basePath: string) {
  const host = createRulesHost(config, basePath);
  const { root } = host;
  return {
    /** Whether `pathname` is one of the rules endpoints' paths. */
    matches: (pathname: string) =>
      pathname === root || (Object.prototype.hasOwnProperty.call(EDITING, pathname.slice(root.length)) && pathname.startsWith(root + '/')),
    /** Answers a request on one of those paths; `address` is the client's (for the refusal count). */
    async handle(request: Request, origin: RequestOrigin, address: string): Promise<Response> {
      const url = new URL(request.url);
      const path = url.pathname.slice(root.length);
      if (path === '' && (request.method === 'GET' || request.method === 'HEAD')) return serveRules(host, request, url);
      const methods = EDITING[path];
      if (!methods.includes(request.method))
        return json(405, { error: 'method not allowed' }, { Allow: (path === '' ? ['GET', 'HEAD', ...methods] : methods).join(', ') });
      const editor = await identify(host, request, origin, address);
      return typeof editor === 'string' ? edit(host, path, request, editor) : editor;
    },
    /** Wrong editor tokens refused since start. */
    refusedCount: () => host.refusals.total(),
  };
}
