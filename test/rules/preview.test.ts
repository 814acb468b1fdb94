// @vitest-environment happy-dom
// A tab opened with a preview link: the token kept in sessionStorage for the tab, the draft fetched instead of the
// published document (and never stored as the last good one), events marked, a badge built from text with a way out;
// an expired or refused link falls back to the published rules with one error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/config/config';
import { createProblems } from '../../src/config/readers';
import { eventsGate } from '../../src/rules/piece';
import { RULES_STORAGE_KEY } from '../../src/rules/rules-cache';
import { decodePreview, PREVIEW_STORAGE_KEY } from '../../src/rules/preview';
import { PREVIEW_BADGE_ID } from '../../src/rules/preview-badge';
import { signPreview } from '../../src/edge/rules/preview-token';
import { previewKeyFor } from '../../src/edge/rules/editors';
import type { PieceContext } from '../../src/pieces/contract';
import type { TallyEvent } from '../../src/event/types';

const RULES = '/t/rules';
const draft = { version: 'draft-2', events: { Buy: { on: 'click', selector: '.buy' } } };
const published = { version: '1', events: { Signup: { on: 'click', selector: '.signup' } } };
const SAVED_AT = Date.UTC(2026, 11, 7, 14, 2);

const tokenFor = async (expires: number) =>
  signPreview(await previewKeyFor([{ name: 'marketing', token: 'marketing-token-0123456789' }]), {
    draft: 2,
    editor: 'marketing',
    savedAt: SAVED_AT,
    expires,
  });
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

let requests: string[];
let errors: string[];
function stubFetch(answer: (url: string) => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requests.push(url);
      return answer(url);
    }),
  );
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function start() {
  const context = { config: readConfig(createProblems(), 'KEY', { rulesUrl: RULES }) } as PieceContext;
  const gate = eventsGate(context);
  await gate.ready;
  const names = gate.rules.current().map((definition) => definition.name);
  const event = { type: 'track', event: 'Buy', context: { library: { name: 'tally', version: '0' } } } as unknown as TallyEvent;
  const result = gate.run(event, { page: { href: location.href, referrer: '' } } as never);
  return { names, marked: 'event' in result ? result.event.context.tally : undefined };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  document.getElementById(PREVIEW_BADGE_ID)?.remove();
  requests = [];
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('a preview link', () => {
  it('keeps the token for the tab, fetches the draft (not stored), marks events and shows the badge', async () => {
    const token = await tokenFor(inAnHour());
    history.replaceState(null, '', `/shop?tally_preview=${token}`);
    stubFetch((url) => (url.includes('preview=') ? json(draft) : json(published)));
    const { names, marked } = await start();
    expect(requests).toEqual([`${RULES}?preview=${encodeURIComponent(token)}`]);
    expect(names).toEqual(['Buy']);
    expect(marked).toEqual({ preview: true });
    expect(sessionStorage.getItem(PREVIEW_STORAGE_KEY)).toBe(token);
    expect(localStorage.getItem(RULES_STORAGE_KEY)).toBeNull();
    const badge = document.getElementById(PREVIEW_BADGE_ID);
    expect(badge?.textContent).toMatch(/^Preview: draft by marketing, .*\d\d.*Exit preview$/);
    expect(errors).toEqual([]);

    // The next page of the tab, without the parameter: still in preview, until "Exit preview".
    history.replaceState(null, '', '/cart');
    requests = [];
    await start();
    expect(requests[0]).toContain('preview=');
    vi.spyOn(location, 'replace').mockImplementation(() => undefined);
    document.getElementById(PREVIEW_BADGE_ID)?.querySelector('button')?.click();
    expect(sessionStorage.getItem(PREVIEW_STORAGE_KEY)).toBeNull();
  });

  it('an ordinary tab gets the published rules, unmarked, and no badge', async () => {
    stubFetch(() => json(published));
    const { names, marked } = await start();
    expect([names, marked, requests, document.getElementById(PREVIEW_BADGE_ID)]).toEqual([['Signup'], undefined, [RULES], null]);
  });

  it('a link the edge refuses (expired there) ends the preview with one error; the published rules apply', async () => {
    history.replaceState(null, '', `/?tally_preview=${await tokenFor(inAnHour())}`);
    stubFetch((url) => (url.includes('preview=') ? json({ error: 'expired' }, 403) : json(published)));
    const { names, marked } = await start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([names, marked, sessionStorage.getItem(PREVIEW_STORAGE_KEY)]).toEqual([['Signup'], undefined, null]);
    expect(errors).toEqual([expect.stringMatching(/\/t\/rules preview: answered 403 .*published rules apply$/)]);
    expect(document.getElementById(PREVIEW_BADGE_ID)).toBeNull();
  });

  it('an expired or unreadable token is not used, and said once', async () => {
    expect(decodePreview(await tokenFor(100), 101_000)).toBeUndefined();
    expect(decodePreview('not-a-token')).toBeUndefined();
    history.replaceState(null, '', `/?tally_preview=${await tokenFor(100)}`);
    stubFetch(() => json(published));
    const { names } = await start();
    expect([names, requests]).toEqual([['Signup'], [RULES]]);
    expect(errors).toEqual([expect.stringContaining('tally_preview: this preview link has expired')]);
  });
});
