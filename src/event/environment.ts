// Touches window, document, navigator and screen: reads the page a call is made on, and the device context once.
import type { BufferedPage, JsonObject } from './types';

let last: BufferedPage | undefined;

/**
 * The page as it is now, in the snippet's buffered-page-context shape. On the track() hot path, so only `href` and
 * `title` are read per call: the path, search and canonical link follow from the URL, and the referrer never changes.
 */
export function readPage(): BufferedPage {
  const href = location.href;
  const title = document.title;
  if (!last || href !== last.href) {
    const canonical = document.querySelector("link[rel='canonical']")?.getAttribute('href') || undefined;
    last = { canonical, pathname: location.pathname, href, search: location.search, title, referrer: document.referrer };
  } else if (title !== last.title) last = { ...last, title };
  return last;
}

/** The parts of `context` that do not change during a page view: userAgent, locale, timezone, screen. */
export function readDeviceContext(): JsonObject {
  const context: JsonObject = {};
  try {
    context.userAgent = navigator.userAgent;
    context.locale = navigator.language;
    // NavigatorUAData's toJSON() is its low-entropy part: { brands, mobile, platform }.
    const uaData = (navigator as Navigator & { userAgentData?: { toJSON(): JsonObject } }).userAgentData;
    if (uaData) context.userAgentData = uaData.toJSON();
    context.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    context.screen = { width: screen.width, height: screen.height, density: devicePixelRatio };
  } catch {
    // Locked-down environments can throw on any of these; a partial context is still useful.
  }
  return context;
}
