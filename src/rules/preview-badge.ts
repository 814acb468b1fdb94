// Touches the DOM and location: the small badge a tab in preview shows ("Preview: draft by marketing, 14:02") with a
// way out. Built with createElement and textContent only; inline styles, so a page's CSS cannot hide or restyle it much.
import { PREVIEW_PARAM, endPreview, type Preview } from './preview';

/** The badge's element id (one per page). */
export const PREVIEW_BADGE_ID = 'tally-preview-badge';

/** What the badge says: the draft's editor and the time it was saved, in the visitor's locale. */
export function badgeText(preview: Preview): string {
  const time = new Date(preview.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Preview: draft by ${preview.editor}, ${time}`;
}

/** Shows the badge; its "Exit preview" button leaves the preview and reloads the page without the preview link. */
export function showPreviewBadge(preview: Preview): HTMLElement {
  document.getElementById(PREVIEW_BADGE_ID)?.remove();
  const badge = document.createElement('div');
  badge.id = PREVIEW_BADGE_ID;
  badge.setAttribute('role', 'status');
  badge.style.cssText =
    'position:fixed;left:12px;bottom:12px;z-index:2147483647;display:flex;gap:8px;align-items:center;padding:6px 10px;' +
    'font:13px/1.3 system-ui,sans-serif;color:#fff;background:#5b21b6;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3)';
  const label = document.createElement('span');
  label.textContent = badgeText(preview);
  const exit = document.createElement('button');
  exit.type = 'button';
  exit.textContent = 'Exit preview';
  exit.style.cssText = 'font:inherit;color:#5b21b6;background:#fff;border:0;border-radius:4px;padding:2px 8px;cursor:pointer';
  exit.addEventListener('click', () => {
    endPreview();
    const url = new URL(location.href);
    url.searchParams.delete(PREVIEW_PARAM);
    location.replace(url.href);
  });
  badge.append(label, exit);
  document.documentElement.append(badge);
  return badge;
}
