// The crawler list and the core's pre-check: self-declared crawlers are recognised, automated real browsers only when
// strict, hostile user agents cost nothing; and the pre-check sends every user agent the list could match to the piece.
import { describe, expect, it } from 'vitest';
import { list } from 'isbot';
import { AUTOMATION_PATTERNS, createBotMatcher, MAX_USER_AGENT_LENGTH } from '../../src/bots/list';
import { suspectsBot } from '../../src/bots/suspect';

/** Self-declared crawlers, link-preview fetchers, monitors and scripts (their published user agents). */
export const CRAWLERS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/120.0.6099.71 Safari/537.36',
  'Googlebot-Image/1.0',
  'AdsBot-Google (+http://www.google.com/adsbot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
  'Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)',
  'Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
  'CCBot/2.0 (https://commoncrawl.org/faq/)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'WhatsApp/2.23.20.0',
  'TelegramBot (like TwitterBot)',
  'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
  'curl/8.4.0',
  'Wget/1.21.4',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 SomeCrawler/1.0',
  // A crawler naming itself only inside a plain browser's platform text.
  'Mozilla/5.0 (Linux; Android 10; SiteScanner) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
];

/** Real browsers, including the headless and driven ones tests use. */
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
];

describe('createBotMatcher', () => {
  const match = createBotMatcher(false);
  const strict = createBotMatcher(true);

  it('recognises self-declared crawlers, previews, monitors and scripts, and names what matched', () => {
    for (const userAgent of CRAWLERS) expect(match(userAgent), userAgent).toBeTruthy();
    expect(match(CRAWLERS[0])).toBe('Google');
  });

  it('passes real browsers; headless Chrome only without strict', () => {
    for (const userAgent of BROWSERS) expect(match(userAgent), userAgent).toBeUndefined();
    expect(strict(BROWSERS[9])).toBe('Headless');
  });

  it("leaves out exactly isbot's automation patterns, which strict keeps", () => {
    for (const pattern of AUTOMATION_PATTERNS) expect(list).toContain(pattern);
  });

  it('reads a missing or empty user agent as no crawler, and a huge one as a crawler at once', () => {
    expect(match(null)).toBeUndefined();
    expect(match('')).toBeUndefined();
    const huge = 'Mozilla/5.0 ' + 'a('.repeat(500_000);
    const started = performance.now();
    expect(match(huge)).toBe(`user agent over ${MAX_USER_AGENT_LENGTH} characters`);
    expect(match('a'.repeat(MAX_USER_AGENT_LENGTH))).toBeTruthy();
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('suspectsBot (the core pre-check)', () => {
  it('sends every user agent the list matches to the piece', () => {
    const match = createBotMatcher(false);
    for (const userAgent of CRAWLERS) if (match(userAgent)) expect(suspectsBot('drop', userAgent), userAgent).toBe(true);
  });

  it('clears mainstream browsers, so they never load the piece', () => {
    for (const userAgent of BROWSERS) expect(suspectsBot('drop', userAgent), userAgent).toBe(false);
  });

  it("always asks the piece with 'strict' (navigator.webdriver), never with 'off'", () => {
    expect(suspectsBot('strict', BROWSERS[0])).toBe(true);
    expect(suspectsBot('off', CRAWLERS[0])).toBe(false);
  });
});
