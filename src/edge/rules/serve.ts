// GET {base}/rules: the published document for every visitor (ETag, 304 when unchanged), or the draft a valid preview
// token names, for that one browser.
import { refuse } from '../json';
import { verifyPreview } from './preview-token';
import type { RulesHost } from './rules-host';
import { EMPTY_DOCUMENT } from './workspace';

/** The header the published document carries, so the picker knows that `rulesUrl` is an edge it can publish to. */
export const RULES_HOST_HEADER = 'X-Tally-Rules';

/** Answers GET or HEAD {base}/rules (`?preview=<token>` for a draft). */
export async function serveRules(host: RulesHost, request: Request, url: URL): Promise<Response> {
  const token = url.searchParams.get('preview');
  if (token !== null) {
    const claims = await verifyPreview(await host.previewKey, token);
    const record = claims && (await host.workspace.read('draft', claims.draft));
    if (!record) return refuse(403, 'this preview link has expired or is not valid', { 'Cache-Control': 'no-store' });
    return new Response(JSON.stringify(record.document), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' },
    });
  }
  const { number, record } = await host.workspace.latest('published');
  const etag = `"${number}"`;
  // no-cache: every load revalidates (a 304 when nothing changed), so a publish reaches the next page load.
  const headers = { ETag: etag, 'Cache-Control': 'no-cache', [RULES_HOST_HEADER]: 'edge' };
  if ((request.headers.get('if-none-match') ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers });
  const body = request.method === 'HEAD' ? null : JSON.stringify(record?.document ?? EMPTY_DOCUMENT);
  return new Response(body, { headers: { 'Content-Type': 'application/json', ...headers } });
}
