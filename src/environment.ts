// Touches window, document, navigator and screen: reads the page a call is made on, and the device context once.
import type { BufferedPage, JsonObject } from './types';

let last: BufferedPage = { pathname: '', href: '', search: '', title: '', referrer: '' };

/**
 * The page as it is now, in the snippet's buffered-page-context shape. On the track() hot path, so only `href` and
 * `title` are read per call: the path, search and canonical link follow from the URL, and the referrer never changes.
 */
export function readPage(): BufferedPage {
  const href = location.href;
  const title = document.title;
  if (href !== last.href) {
    const link = document.querySelector("link[rel='canonical']");
    const canonical = (link && link.getAttribute('href')) || undefined;
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
    const brands = (navigator as Navigator & { userAgentData?: { brands: unknown; mobile: boolean; platform: string } }).userAgentData;
    if (brands) context.userAgentData = { brands: brands.brands, mobile: brands.mobile, platform: brands.platform };
    context.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    context.screen = { width: screen.width, height: screen.height, density: window.devicePixelRatio };
  } catch {
    // Locked-down environments can throw on any of these; a partial context is still useful.
  }
  return context;
}
