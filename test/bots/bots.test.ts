// @vitest-environment happy-dom
// The bot filter in an instance: a crawler's events wait at the bots gate for its piece, then are dropped (counted in
// stats()) with nothing stored, or flagged with 'flag'; a suspect the piece clears gets its storage and its events; a
// mainstream browser never loads the piece; 'strict' also drops navigator.webdriver.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBundledPiece } from '../../src/pieces/bundled';
import { createRecordedInstance } from '../helpers/instance';
import type { LoadPiece } from '../../src/pieces/contract';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const RARE_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Rare/1.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** An instance under `userAgent` (and navigator.webdriver), with real identity stores and a recording Segment. */
function start(userAgent: string, options: Record<string, unknown> = {}, webdriver = false) {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent);
  Object.defineProperty(navigator, 'webdriver', { value: webdriver, configurable: true });
  const loaded: string[] = [];
  const pieces: LoadPiece = (name) => {
    loaded.push(name);
    return loadBundledPiece(name);
  };
  // Real identity stores (no memory identity), so what tally writes on the device shows.
  const { analytics, sent } = createRecordedInstance(options, `KEY-${Math.random()}`, { identity: undefined, pieces });
  return { analytics, sent, loaded };
}

/** What tally stored on the visitor's device: cookies and localStorage keys. */
const stored = () => ({ cookies: document.cookie, keys: Object.keys(localStorage) });

afterEach(() => {
  for (const name of document.cookie.split('; ').map((pair) => pair.split('=')[0]))
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  localStorage.clear();
});

describe('bots', () => {
  it("drops a crawler's events, counts them in stats(), and stores nothing", async () => {
    const { analytics, sent, loaded } = start(GOOGLEBOT);
    const track = analytics.track('Viewed');
    await analytics.page();
    expect(await track).toMatchObject({ stopped: 'bots: bot' });
    await analytics.flush();
    expect(sent).toEqual([]);
    expect(analytics.stats()['Segment.io'].dropped).toMatchObject({ bot: 2 });
    expect(loaded).toEqual(['bots']);
    expect(stored()).toEqual({ cookies: '', keys: [] });
  });

  it("flags a crawler's events with 'flag': context.bot names what matched", async () => {
    const { analytics, sent } = start(GOOGLEBOT, { bots: 'flag' });
    await analytics.track('Viewed');
    await analytics.flush();
    expect(sent.map((event) => event.context.bot)).toEqual([{ reason: 'Google' }]);
  });

  it('holds storage for a suspect until the piece clears it, then stores and sends as usual', async () => {
    const { analytics, sent, loaded } = start(RARE_BROWSER);
    const track = analytics.track('Viewed');
    expect(stored()).toEqual({ cookies: '', keys: [] });
    await track;
    await analytics.flush();
    expect(loaded).toEqual(['bots']);
    expect(sent).toHaveLength(1);
    expect(document.cookie).toContain(`ajs_anonymous_id=${sent[0].anonymousId}`);
    expect(localStorage.getItem('analytics_session_id')).toBe(String(sent[0].context.sessionId));
  });

  it("never loads the piece for a mainstream browser; 'strict' does, and drops navigator.webdriver", async () => {
    const plain = start(CHROME);
    await plain.analytics.track('Viewed');
    await plain.analytics.flush();
    expect(plain.loaded).toEqual([]);
    expect(plain.sent).toHaveLength(1);
    const strict = start(CHROME, { bots: 'strict' }, true);
    expect(await strict.analytics.track('Viewed')).toMatchObject({ stopped: 'bots: bot' });
    expect(strict.analytics.stats()['Segment.io'].dropped).toMatchObject({ bot: 1 });
    const driven = start(CHROME, { bots: 'strict' }, false);
    await driven.analytics.track('Viewed');
    await driven.analytics.flush();
    expect(driven.sent).toHaveLength(1);
  });
});
