// Consent required: events wait unsent, nothing is stored; a grant delivers them, a denial drops them and stores nothing of ajs_.
import { expect, test } from './fixtures';

const storedKeys = () => ({ cookies: document.cookie, local: Object.keys(localStorage).sort() });

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
  const databases = () => indexedDB.databases().then((list) => list.map((database) => database.name));
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
