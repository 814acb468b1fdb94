// Consent required: events wait unsent, nothing is stored; a grant delivers them, a denial drops them and stores nothing of ajs_.
import { consoleTexts, expect, test, type Collector } from './fixtures';
import type { TestPage } from './drivers/types';
import { STAND_INS, type StandIn } from './consent-cmps';

const storedKeys = () => ({ cookies: document.cookie, local: Object.keys(localStorage).sort() });
const databases = () => indexedDB.databases().then((list) => list.map((database) => database.name));

test('held until granted, then delivered with identity written', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: { ...collector.loadOptions, flushInterval: 100, consent: { required: true } },
      body: `<script>analytics.track('Before Consent');</script>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.waitForTimeout(500);
  expect(await collector.requests({ method: 'POST' })).toEqual([]);
  expect(await page.evaluate(storedKeys)).toEqual({ cookies: '', local: [] });
  // The durable buffer has not even opened IndexedDB.
  expect(await page.evaluate(databases)).toEqual([]);
  await page.evaluate(() => (window as any).analytics.consent(true));
  const events = await collector.waitForEvents(2);
  expect(await page.evaluate(databases)).toContain('tally');
  expect(events.map((event) => event.type + ':' + (event.event ?? ''))).toEqual(['page:', 'track:Before Consent']);
  const stored = await page.evaluate(storedKeys);
  expect(stored.cookies).toContain(`ajs_anonymous_id=${events[0].anonymousId}`);
  expect(stored.local).toContain('tally_consent');
});

test('denied: nothing sent, no ajs_ cookie or localStorage key, and later pages stay quiet', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: { ...collector.loadOptions, flushInterval: 100, consent: { required: true } },
      body: `<script>analytics.track('Before Consent'); analytics.identify('u1', { email: 'a@b.c' });</script>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.evaluate(() => (window as any).analytics.consent(false));
  await page.evaluate(() => (window as any).analytics.track('After Denial'));
  await page.reload();
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.evaluate(() => (window as any).analytics.track('Next Page'));
  await page.waitForTimeout(600);
  expect(await collector.requests({ method: 'POST' })).toEqual([]);
  const stored = await page.evaluate(storedKeys);
  expect(stored.cookies).not.toContain('ajs_');
  expect(stored.local.filter((key: string) => key.startsWith('ajs_'))).toEqual([]);
});

test('categories: a destination in a denied category is switched off in integrations', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100, consent: { required: true, categories: { 'Customer.io': 'marketing' } } },
      body: `<script>analytics.track('Tracked');</script>`,
    }),
  );
  await page.goto(url);
  // consent() is tally's own: the snippet's stub does not buffer it, so it is called on the live instance.
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.evaluate(() => (window as any).analytics.consent({ analytics: true, marketing: false }));
  const [event] = await collector.waitForEvents(1);
  expect(event.integrations).toMatchObject({ 'Customer.io': false });
  expect(event.context.consent.categoryPreferences).toEqual({ marketing: false, analytics: true });
});

test('GPC honoured: nothing sent or stored', async ({ page, context, collector }) => {
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const url = await collector.servePage(
    collector.snippetPage({
      options: { ...collector.loadOptions, flushInterval: 100, consent: { honorGPC: true } },
      body: `<script>analytics.track('GPC');</script>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.waitForTimeout(500);
  expect(await collector.requests({ method: 'POST' })).toEqual([]);
  expect((await page.evaluate(storedKeys)).cookies).not.toContain('ajs_');
});

// consent.from: the choice read from the site's CMP, against stand-ins written from each CMP's public API (consent-cmps.ts).
// Held events are tracked as promises kept in the page: each settles when consent releases or drops it (no sleeps).

/** A page with `consent.from` and the stand-in's categories; the test tracks A and B on it before any choice (trackHeld). */
async function cmpPage(collector: Collector, standIn: StandIn, options: { cmpFirst?: boolean; waitMs?: number } = {}) {
  const cmpUrl = await collector.servePage(standIn.script, `/cmp-${standIn.from}.js`, { type: 'text/javascript' });
  const consent = { required: true, from: standIn.from, categories: standIn.categories, waitMs: options.waitMs };
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      head: (standIn.head ?? '') + (options.cmpFirst ? `<script src="${cmpUrl}"></script>` : ''),
      options: { ...collector.loadOptions, flushInterval: 100, consent },
    }),
  );
  return { url, cmpUrl };
}

/** Loads the stand-in's script after tally, as a CMP loaded late (or by a tag manager) would be. */
const loadScript = (src: string) =>
  new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('could not load ' + src));
    document.head.appendChild(script);
  });
const choose = (args: unknown[]) => (window as any).standIn.choose(...args);
const settled = () => Promise.all((window as any).held).then((contexts: any[]) => contexts.map((c) => c?.stopped ?? 'sent'));
const consentPieceLoaded = () => !!(window as any).__tallyPieces?.consent;
/** Opens the page, then tracks A and B on the live instance (the snippet's stub returns no promise to wait on). */
async function openAndTrack(page: TestPage, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized);
  await page.evaluate(() => {
    (window as any).held = [(window as any).analytics.track('A'), (window as any).analytics.track('B')];
  });
  await page.waitForFunction(consentPieceLoaded);
}

for (const standIn of STAND_INS) {
  test(`${standIn.from}: loads after tally, nothing before the choice; a grant releases in order; a change applies once`, async ({
    page,
    collector,
  }) => {
    const { url, cmpUrl } = await cmpPage(collector, standIn);
    await openAndTrack(page, url);
    await page.evaluate(loadScript, cmpUrl);
    // The CMP is up, its banner open: still nothing sent, nothing stored.
    expect(await collector.requests({ method: 'POST' })).toEqual([]);
    expect(await page.evaluate(storedKeys)).toEqual({ cookies: '', local: [] });
    expect(await page.evaluate(databases)).toEqual([]);
    await page.evaluate(choose, standIn.grant);
    expect(await page.evaluate(settled)).toEqual(['sent', 'sent']);
    const released = await collector.waitForEvents(2);
    expect(released.map((event) => event.event)).toEqual(['A', 'B']);
    for (const event of released) expect(event.integrations).toMatchObject({ 'Customer.io': false });
    expect((await page.evaluate(storedKeys)).cookies).toContain(`ajs_anonymous_id=${released[0].anonymousId}`);

    await page.evaluate(choose, standIn.wider);
    await page.evaluate(() => (window as any).analytics.track('C'));
    const all = await collector.waitForEvents(4);
    expect(all.map((event) => event.event)).toEqual(['A', 'B', 'Segment Consent Preference Updated', 'C']);
    const [updated, c] = all.slice(2);
    expect(updated.context.consent.categoryPreferences).toEqual(c.context.consent.categoryPreferences);
    expect(c.integrations?.['Customer.io']).toBeUndefined();
    if (standIn.from === 'gcm')
      expect(c.context.consent.googleConsentMode).toEqual({
        ad_storage: 'GRANTED',
        analytics_storage: 'GRANTED',
        ad_user_data: 'GRANTED',
        ad_personalization: 'DENIED',
      });
  });
}

test('each CMP loaded first: a denial drops what is held; after a grant, a denial removes the identity cookies', async ({
  page,
  collector,
}) => {
  for (const [index, standIn] of STAND_INS.entries()) {
    const { url } = await cmpPage(collector, standIn, { cmpFirst: true });
    await openAndTrack(page, url);
    await page.evaluate(choose, standIn.deny);
    expect(await page.evaluate(settled)).toEqual(['consent: no consent', 'consent: no consent']);
    expect(await page.evaluate(storedKeys)).toMatchObject({ cookies: '' });
    await page.evaluate(choose, standIn.grant);
    await page.evaluate(() => (window as any).analytics.track('Granted'));
    // This page's Granted event, delivered before the denial.
    await collector.waitForEvents(index + 1, { filter: (event) => event.event === 'Granted' });
    expect((await page.evaluate(storedKeys)).cookies).toContain('ajs_anonymous_id=');
    await page.evaluate(choose, standIn.deny);
    const after = await page.evaluate(() => (window as any).analytics.track('After Denial'));
    expect(after.stopped).toBe('consent: no consent');
    const stored = await page.evaluate(storedKeys);
    expect(stored.cookies).not.toContain('ajs_');
    expect(stored.local.filter((key: string) => key.startsWith('ajs_'))).toEqual([]);
    await page.evaluate(() => localStorage.clear());
  }
  const names = (await collector.events()).map((event) => event.event);
  expect(names.filter((name) => name === 'A' || name === 'B' || name === 'After Denial')).toEqual([]);
  expect(names.filter((name) => name === 'Granted')).toHaveLength(STAND_INS.length);
});

test('a CMP that never loads: events stay held, one console warning names it after consent.waitMs', async ({ page, collector }) => {
  for (const standIn of STAND_INS) {
    const { url } = await cmpPage(collector, { ...standIn, head: undefined }, { waitMs: 300 });
    await openAndTrack(page, url);
    const warning = `consent.from: ${standIn.label} gave no choice within 300 ms`;
    await expect.poll(async () => (await consoleTexts(page, 'warning')).filter((text) => text.includes(warning)).length).toBe(1);
  }
  expect(await collector.requests({ method: 'POST' })).toEqual([]);
});
