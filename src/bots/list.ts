// The crawler list the bots piece and the edge share: isbot's patterns (https://github.com/omrilotan/isbot), minus those
// that recognise automated real browsers unless `strict` asks for them. Pure.
import { list } from 'isbot';

/**
 * isbot's patterns for automated real browsers (headless Chrome, the test drivers). They are not crawlers: end-to-end
 * tests, monitoring scripts and many real users' automation drive real browsers this way, so only `bots: 'strict'` drops them.
 */
export const AUTOMATION_PATTERNS: readonly string[] = ['headless', 'playwright', 'selenium', 'cypress/', 'phantomjs'];

/** Longer user agents are treated as bots unread: no browser sends one, and a hostile one must not cost a long match. */
export const MAX_USER_AGENT_LENGTH = 1024;

/** isbot's own fallback for engines without regex lookbehind (Safari before 16.4). */
const NAIVE_PATTERN = /bot|crawl|http|lighthouse|scan|search|spider/i;

/** Tells what in a user agent marks it as a crawler (the matched text), or undefined for none. */
export type BotMatcher = (userAgent: string | null | undefined) => string | undefined;

/**
 * A matcher over isbot's list; `strict` keeps the automation patterns. An empty or missing user agent is not a crawler
 * (real browsers always send one; privacy proxies may strip it, and the rest of the checks still apply).
 * @example createBotMatcher(false)('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)') // 'Google'
 */
export function createBotMatcher(strict: boolean): BotMatcher {
  const patterns = strict ? list : list.filter((pattern) => !AUTOMATION_PATTERNS.includes(pattern));
  let pattern = NAIVE_PATTERN;
  try {
    pattern = new RegExp(patterns.join('|'), 'i');
  } catch {
    // No lookbehind in this engine: isbot's naive pattern still catches the self-declared crawlers.
  }
  return (userAgent) => {
    if (!userAgent) return undefined;
    if (userAgent.length > MAX_USER_AGENT_LENGTH) return `user agent over ${MAX_USER_AGENT_LENGTH} characters`;
    return pattern.exec(userAgent)?.[0];
  };
}
