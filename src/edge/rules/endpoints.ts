// The edge as the rules host, under {base}/rules: the published document for every visitor (ETag, 304), a draft for a
// browser holding a preview token, and the editing endpoints (publish, draft, versions, rollback) for editors' bearer
// tokens, same-origin only, with If-Match on every write (412 for a stale one) and wrong tokens rate limited.
import { BodyError, readBody } from '../body';
import { isObject, parseJson, refuse } from '../json';
import type { RequestOrigin } from '../origin';
import { bearerToken, createEditors, previewKeyFor, type EditorOptions } from './editors';
import { signPreview, verifyPreview } from './preview-token';
import { createRefusals, MAX_REFUSED } from './refusals';
import type { RulesStore } from './store';
import { readEditorDocument } from './validate';
import { createWorkspace, EMPTY_DOCUMENT, type Kind } from './workspace';

/** The validated `rules` option. */
export interface RulesConfig {
  store: RulesStore;
  editors: EditorOptions[];
  previewSecret?: string;
  previewTtlSeconds: number;
  maxDocumentBytes: number;
}

/** How many versions GET {base}/rules/versions lists (newest first). */
const MAX_LISTED_VERSIONS = 50;
/** The header the published document carries, so the picker knows that `rulesUrl` is an edge it can publish to. */
export const RULES_HOST_HEADER = 'X-Tally-Rules';
/** Editing answers are about one editor's session: never cached anywhere. */
const NO_STORE = { 'Cache-Control': 'no-store' };
/** The methods each editing path takes. */
const EDITING: Readonly<Record<string, readonly string[]>> = {
  '': ['PUT'],
  '/draft': ['GET', 'PUT'],
  '/versions': ['GET'],
  '/rollback': ['POST'],
};

/** Answers `status` with a JSON body and no caching. */
const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...NO_STORE, ...headers } });

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`), or undefined. */
export function readIfMatch(header: string | null): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The rules endpoints under `basePath`: `matches(pathname)`, then `handle(request, origin, address)`.
 * @example const rules = createRulesEndpoints(config.rules, '/t'); if (rules.matches(path)) return rules.handle(request, origin, ip);
 */
export function createRulesEndpoints(config: RulesConfig, basePath: string) {
  const root = `${basePath}/rules`;
  const workspace = createWorkspace(config.store);
  const editors = createEditors(config.editors);
  const previewKey = previewKeyFor(config.editors, config.previewSecret);
  const refusals = createRefusals();

  /** GET {base}/rules: the published document (or the draft a valid preview token names). */
  async function serve(request: Request, url: URL): Promise<Response> {
    const token = url.searchParams.get('preview');
    if (token !== null) {
      const claims = await verifyPreview(await previewKey, token);
      const record = claims && (await workspace.read('draft', claims.draft));
      if (!record) return refuse(403, 'this preview link has expired or is not valid', { 'Cache-Control': 'no-store' });
      return new Response(JSON.stringify(record.document), {
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' },
      });
    }
    const { number, record } = await workspace.latest('published');
    const etag = `"${number}"`;
    // no-cache: every load revalidates (a 304 when nothing changed), so a publish reaches the next page load.
    const headers = { ETag: etag, 'Cache-Control': 'no-cache', [RULES_HOST_HEADER]: 'edge' };
    if ((request.headers.get('if-none-match') ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
      return new Response(null, { status: 304, headers });
    const body = request.method === 'HEAD' ? null : JSON.stringify(record?.document ?? EMPTY_DOCUMENT);
    return new Response(body, { headers: { 'Content-Type': 'application/json', ...headers } });
  }

  /** Reads the request's JSON body within the size limit, or the refusal. */
  async function readJson(request: Request): Promise<{ value: unknown } | Response> {
    try {
      const value = parseJson(await readBody(request, config.maxDocumentBytes));
      return value === undefined ? json(400, { error: 'the body is not JSON' }) : { value };
    } catch (error) {
      if (error instanceof BodyError) return json(error.status, { error: error.message });
      throw error;
    }
  }

  /** PUT {base}/rules or {base}/rules/draft (a document), POST {base}/rules/rollback ({ version }). */
  async function write(kind: Kind, request: Request, editor: string, rollback: boolean): Promise<Response> {
    const expected = readIfMatch(request.headers.get('if-match'));
    if (expected === undefined)
      return json(428, {
        error: `If-Match is required: the ETag of the ${kind === 'draft' ? 'draft' : 'version'} your change starts from`,
      });
    const body = await readJson(request);
    if (body instanceof Response) return body;
    let rollbackOf: number | undefined;
    let read = readEditorDocument(root, body.value);
    if (rollback) {
      rollbackOf = isObject(body.value) && Number.isInteger(body.value.version) ? (body.value.version as number) : undefined;
      const earlier = rollbackOf === undefined ? undefined : await workspace.read('published', rollbackOf);
      if (!earlier) return json(400, { error: `${root}/rollback version: expected the number of a published version` });
      const { version: _version, ...document } = earlier.document;
      read = { document };
    }
    if ('problems' in read) return json(400, { error: read.problems[0], problems: read.problems });
    const written = await workspace.write(kind, expected, editor, read.document, rollbackOf);
    if (!written.ok) {
      const what = kind === 'draft' ? `draft ${written.current} was saved` : `version ${written.current} was published`;
      return json(
        412,
        { error: `${what} since you started from ${expected}: reload it and apply your change again`, current: written.current },
        { ETag: `"${written.current}"` },
      );
    }
    const answer: Record<string, unknown> = {
      version: written.record.document.version,
      number: written.number,
      changed: written.record.changed,
    };
    if (kind === 'draft') {
      const expires = Math.floor(Date.now() / 1000) + config.previewTtlSeconds;
      const claims = { draft: written.number, editor, savedAt: Date.parse(written.record.time), expires };
      answer.preview = await signPreview(await previewKey, claims);
      answer.expires = new Date(expires * 1000).toISOString();
    }
    return json(200, answer, { ETag: `"${written.number}"` });
  }

  /** An editor's request: the endpoint for its path and method. */
  async function edit(path: string, request: Request, editor: string): Promise<Response> {
    if (path === '/versions') {
      const { number } = await workspace.latest('published');
      return json(200, { current: number, versions: await workspace.versions(MAX_LISTED_VERSIONS) }, { ETag: `"${number}"` });
    }
    if (path === '/draft' && request.method === 'GET') {
      const { number, record } = await workspace.latest('draft');
      return json(200, { number, ...record }, { ETag: `"${number}"` });
    }
    return write(path === '/draft' ? 'draft' : 'published', request, editor, path === '/rollback');
  }

  /** Who is asking, or the refusal: same origin, not rate limited, a known editor's token. */
  async function identify(request: Request, origin: RequestOrigin, address: string): Promise<string | Response> {
    if (origin.cross !== null) return json(403, { error: 'editing the rules is same-origin only' });
    const blocked = refusals.blockedFor(address);
    if (blocked) return json(429, { error: 'too many wrong editor tokens; try again later' }, { 'Retry-After': String(blocked) });
    const token = bearerToken(request.headers.get('authorization'));
    const editor = token && (await editors.identify(token));
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

  return {
    /** Whether `pathname` is one of the rules endpoints' paths. */
    matches: (pathname: string) =>
      pathname === root || (Object.prototype.hasOwnProperty.call(EDITING, pathname.slice(root.length)) && pathname.startsWith(root + '/')),
    /** Answers a request on one of those paths; `address` is the client's (for the refusal count). */
    async handle(request: Request, origin: RequestOrigin, address: string): Promise<Response> {
      const url = new URL(request.url);
      const path = url.pathname.slice(root.length);
      if (path === '' && (request.method === 'GET' || request.method === 'HEAD')) return serve(request, url);
      const methods = EDITING[path];
      if (!methods.includes(request.method))
        return json(405, { error: 'method not allowed' }, { Allow: (path === '' ? ['GET', 'HEAD', ...methods] : methods).join(', ') });
      const editor = await identify(request, origin, address);
      return typeof editor === 'string' ? edit(path, request, editor) : editor;
    },
    /** Wrong editor tokens refused since start. */
    refusedCount: () => refusals.total(),
  };
}
