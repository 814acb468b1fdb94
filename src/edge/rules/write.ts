// The rules host's writes: PUT {base}/rules (publish), PUT {base}/rules/draft, POST {base}/rules/rollback. Every write
// names the version it starts from (If-Match); a stale one gets 412 with the current version, never an overwrite.
import { BodyError, readBody } from '../body';
import { isObject, parseJson } from '../json';
import { signPreview } from './preview-token';
import { json, type RulesHost } from './rules-host';
import { readEditorDocument } from './validate';
import type { Kind } from './workspace';

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`), or undefined. */
export function readIfMatch(header: string | null): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Reads the request's JSON body within the size limit, or the refusal. */
async function readJson(host: RulesHost, request: Request): Promise<{ value: unknown } | Response> {
  try {
    const value = parseJson(await readBody(request, host.config.maxDocumentBytes));
    return value === undefined ? json(400, { error: 'the body is not JSON' }) : { value };
  } catch (error) {
    if (error instanceof BodyError) return json(error.status, { error: error.message });
    throw error;
  }
}

/** The document a write stores: the body read by the SDK's own readers, or (a rollback) the published version it names. */
async function documentOf(host: RulesHost, body: unknown, rollback: boolean) {
  if (!rollback) return { read: readEditorDocument(host.root, body) };
  const rollbackOf = isObject(body) && Number.isInteger(body.version) ? (body.version as number) : undefined;
  const earlier = rollbackOf === undefined ? undefined : await host.workspace.read('published', rollbackOf);
  if (!earlier) return json(400, { error: `${host.root}/rollback version: expected the number of a published version` });
  const { version: _version, ...document } = earlier.document;
  return { read: { document }, rollbackOf };
}

/** Writes a new version of `kind` for `editor`; a draft's answer carries its preview link's token. */
export async function writeRules(host: RulesHost, kind: Kind, request: Request, editor: string, rollback: boolean): Promise<Response> {
  const expected = readIfMatch(request.headers.get('if-match'));
  if (expected === undefined)
    return json(428, { error: `If-Match is required: the ETag of the ${kind === 'draft' ? 'draft' : 'version'} your change starts from` });
  const body = await readJson(host, request);
  if (body instanceof Response) return body;
  const found = await documentOf(host, body.value, rollback);
  if (found instanceof Response) return found;
  const { read, rollbackOf } = found;
  if ('problems' in read) return json(400, { error: read.problems[0], problems: read.problems });
  const written = await host.workspace.write(kind, expected, editor, read.document, rollbackOf);
  if (!written.ok) {
    const what = kind === 'draft' ? `draft ${written.current} was saved` : `version ${written.current} was published`;
    const error = `${what} since you started from ${expected}: reload it and apply your change again`;
    return json(412, { error, current: written.current }, { ETag: `"${written.current}"` });
  }
  const answer: Record<string, unknown> = {
    version: written.record.document.version,
    number: written.number,
    changed: written.record.changed,
  };
  if (kind === 'draft') {
    const expires = Math.floor(Date.now() / 1000) + host.config.previewTtlSeconds;
    const claims = { draft: written.number, editor, savedAt: Date.parse(written.record.time), expires };
    answer.preview = await signPreview(await host.previewKey, claims);
    answer.expires = new Date(expires * 1000).toISOString();
  }
  return json(200, answer, { ETag: `"${written.number}"` });
}
