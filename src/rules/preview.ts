// Touches location and sessionStorage: the draft preview a tab is in. A preview link (`?tally_preview=<token>`, made by
// the edge when an editor saves a draft) puts this tab in preview: the token is kept in sessionStorage (this tab only,
// across its reloads and pages), rulesUrl's draft is fetched instead of the published document, and every event the tab
// sends says so (`context.tally.preview: true`), so reports can leave editors' test clicks out. Other tabs and visitors
// keep the published rules. The token's payload is read for the badge only; the edge alone checks its signature.
import { attempt, logError } from '../errors';
import type { Gate } from '../pipeline/gates';

/** The query parameter of a preview link. */
export const PREVIEW_PARAM = 'tally_preview';
/** The sessionStorage key the token is kept under. */
export const PREVIEW_STORAGE_KEY = 'tally_preview';

/** A preview this tab is in: the token, and what the badge says (the draft's editor and when it was saved). */
export interface Preview {
  token: string;
  draft: number;
  editor: string;
  savedAt: number;
}

/** The claims of a token's payload (`base64url(JSON).signature`), or undefined when it is unreadable or expired. */
export function decodePreview(token: string, nowMs = Date.now()): Preview | undefined {
  const [payload] = token.split('.');
  const claims = attempt(() => JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>, undefined);
  if (!claims || !Number.isInteger(claims.d) || typeof claims.e !== 'string' || typeof claims.x !== 'number') return undefined;
  if (claims.x * 1000 <= nowMs) return undefined;
  return { token, draft: claims.d as number, editor: claims.e, savedAt: Number(claims.t) || 0 };
}

/** The preview this tab is in (a link's token is kept for the tab), or undefined; an expired or unreadable one is said once and dropped. */
export function readPreview(): Preview | undefined {
  const linked = attempt(() => new URLSearchParams(location.search).get(PREVIEW_PARAM), null);
  const token = linked ?? attempt(() => sessionStorage.getItem(PREVIEW_STORAGE_KEY), null);
  if (!token) return undefined;
  const preview = decodePreview(token);
  if (!preview) {
    logError(
      `${PREVIEW_PARAM}: this preview link has expired or is not one the edge made; showing the published rules (ask the editor for a new link)`,
    );
    endPreview();
    return undefined;
  }
  attempt(() => sessionStorage.setItem(PREVIEW_STORAGE_KEY, token));
  return preview;
}

/** Leaves the preview in this tab (the next load gets the published rules). */
export function endPreview(): void {
  attempt(() => sessionStorage.removeItem(PREVIEW_STORAGE_KEY));
}

/** The URL of the draft a preview reads: rulesUrl with `preview=<token>`. */
export function previewUrl(rulesUrl: string, preview: Preview): string {
  return `${rulesUrl}${rulesUrl.includes('?') ? '&' : '?'}preview=${encodeURIComponent(preview.token)}`;
}

/** `gate`, with each event marked `context.tally.preview: true` while `active()`. */
export function markPreview(gate: Gate, active: () => boolean): Gate {
  return {
    name: gate.name,
    run(event, call) {
      if (!active()) return gate.run(event, call);
      const tally = (event.context.tally ?? {}) as Record<string, unknown>;
      const marked = { ...event, context: { ...event.context, tally: { ...tally, preview: true } } };
      return gate.run(marked, call);
    },
  };
}
