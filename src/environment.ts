// Touches window, document, navigator and screen: reads the page a call is made on, and the device context once.
import type { BufferedPage, JsonObject } from './types';

let lastHref = '';
let lastCanonical: string | undefined;

/** The page as it is now, in the snippet's buffered-page-context shape. The canonical link is looked up once per URL. */
export function readPage(): BufferedPage {
  const href = location.href;
  if (href !== lastHref) {
    const link = document.querySelector("link[rel='canonical']");
    lastHref = href;
    lastCanonical = (link && link.getAttribute('href')) || undefined;
  }
  return { canonical: lastCanonical, pathname: location.pathname, href, search: location.search, title: document.title, referrer: document.referrer };
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
