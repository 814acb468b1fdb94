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

/**
 * The parts of `context` that do not change during a page view: userAgent, locale, screen and timezone. A page's first
 * Intl.DateTimeFormat loads its locale data: 16-65 ms in Chromium on the bench machine, most of tally's long task at
 * load (issue 26). Temporal.Now.timeZoneId() says the same in under 1 ms, so where the engine has Temporal the timezone
 * is read at once; elsewhere Intl is asked in a task of its own once the page is idle, and the timezone added to this
 * object then (events built before that get it as their request is built: completeDeviceContext).
 */
export function readDeviceContext(): JsonObject {
  const context: JsonObject = {};
  try {
    context.userAgent = navigator.userAgent;
    context.locale = navigator.language;
    // NavigatorUAData's toJSON() is its low-entropy part: { brands, mobile, platform }.
    const uaData = (navigator as Navigator & { userAgentData?: { toJSON(): JsonObject } }).userAgentData;
    if (uaData) context.userAgentData = uaData.toJSON();
    context.screen = { width: screen.width, height: screen.height, density: devicePixelRatio };
  } catch {
    // Locked-down environments can throw on any of these; a partial context is still useful.
  }
  timezoneWanted = true;
  const addTimezone = () => {
    const timezone = deviceTimezone(true);
    if (timezone) context.timezone = timezone;
  };
  if (deviceTimezone(false)) addTimezone();
  else whenIdle(addTimezone);
  return context;
}

/** Whether this page read its device context, so that its events are to carry the timezone. */
let timezoneWanted = false;
/** The device's IANA time zone once read ('' when it cannot be). */
let zone: string | undefined;

/** The device's IANA time zone (Europe/Paris), read once; `slowly`: through Intl where the engine has no Temporal. */
function deviceTimezone(slowly: boolean): string | undefined {
  if (zone !== undefined) return zone;
  try {
    const temporal = (globalThis as { Temporal?: { Now?: { timeZoneId?(): string } } }).Temporal;
    const quick = temporal?.Now?.timeZoneId?.();
    if (quick) zone = quick;
    else if (slowly) zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    zone = '';
  }
  return zone;
}

/** Adds the timezone to an event's context built before it was read (and not set by the call). */
export function completeDeviceContext(context: JsonObject | undefined): void {
  if (!timezoneWanted || !context || 'timezone' in context) return;
  const timezone = deviceTimezone(true);
  if (timezone) context.timezone = timezone;
}

/** Runs `work` in a task of its own when the page is idle (within 2 s), or soon where the engine cannot say (WebKit). */
function whenIdle(work: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (run: () => void, options: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(work, { timeout: 2000 });
  else setTimeout(work, 50);
}
