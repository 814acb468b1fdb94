// The core's part of the bot filter: a cheap look at the user agent that decides whether the bots piece (isbot's list,
// ~2.5 KB gzip) is worth loading. Pure: the caller passes navigator.userAgent.
import type { BotsMode } from '../config/config';

/**
 * A mainstream browser's user agent, token for token: `Mozilla/5.0 (platform) AppleWebKit/… (KHTML, like Gecko)` or
 * `Gecko/…`, then only the product tokens browsers send. A crawler adds its own token or a `(compatible; …)` group,
 * and fails this shape; one that copies a browser's exactly is invisible to isbot's list too.
 */
const PLAIN_BROWSER =
  /^Mozilla\/5\.0 \([\w .;:,+/-]+\) (?:AppleWebKit\/[\d.]+\+? \(KHTML, like Gecko\)|Gecko\/[\d.]+)(?: (?:(?:Version|Chrome|Chromium|HeadlessChrome|Safari|Mobile|Firefox|Edg|EdgA|EdgiOS|OPR|CriOS|FxiOS|SamsungBrowser|YaBrowser|Vivaldi)\/[\w.]+|Mobile))*$/;

/** Words of isbot's list that can hide in a plain browser's platform text; a platform holding one goes to the piece. */
const PLATFORM_TELLS =
  /bot|crawl|spider|scan|http|search|google|news|\.com|compatible|preview|monitor|check|proxy|server|tools|url|feed|java|node|agent|archive|download|capture|\/1\.0;/i;

/**
 * Whether this user agent may be a crawler, so the bots piece must decide before anything is sent or stored: anything
 * but a plain mainstream browser. `'strict'` always asks the piece (it checks navigator.webdriver); `'off'` never does.
 * @example suspectsBot('drop', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)') // true
 */
export function suspectsBot(mode: BotsMode, userAgent: string): boolean {
  if (mode === 'off') return false;
  if (mode === 'strict') return true;
  return !PLAIN_BROWSER.test(userAgent) || PLATFORM_TELLS.test(userAgent.slice(0, userAgent.indexOf(')')));
}
