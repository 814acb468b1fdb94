// The edge's bot filter: a request whose User-Agent is on the SDK's crawler list (src/bots/list.ts) is answered 200
// unforwarded (a crawler must not retry, and must not reach Segment's bill or Customer.io's profiles), counted, and the
// count logged. Web-standard only.
import { createBotMatcher } from '../bots/list';

/** At most one log line this often (the first drop logs at once): a crawl must not flood the server's log. */
export const BOT_LOG_INTERVAL_MS = 60_000;

/** Whether to drop a request, from its User-Agent header; counts and logs the drops. */
export type BotFilter = (userAgent: string | null) => boolean;

/**
 * The edge's filter over the SDK's default list (automated real browsers pass, as in the SDK's `'drop'`).
 * @example createBotFilter(console.info)('Googlebot/2.1 (+http://www.google.com/bot.html)') // true, and logs the count
 */
export function createBotFilter(log: (line: string) => void, now: () => number = Date.now): BotFilter {
  const match = createBotMatcher(false);
  let dropped = 0;
  let loggedAt = -Infinity;
  return (userAgent) => {
    const reason = match(userAgent);
    if (!reason) return false;
    dropped += 1;
    if (now() - loggedAt >= BOT_LOG_INTERVAL_MS) {
      loggedAt = now();
      log(
        `tally edge: dropped ${dropped} request(s) from crawlers so far, answered 200 unforwarded (latest: ${JSON.stringify(reason.slice(0, 80))})`,
      );
    }
    return true;
  };
}
