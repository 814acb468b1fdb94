// The foundation end to end: the official snippet loads tally, buffered calls arrive in order with their own page, batching holds.
import { consoleTexts, expect, test } from './fixtures';
import { renderLoad } from './snippet';

for (const version of ['5.2.1', '4.15.3'] as const) {
  test(`snippet ${version}: calls made before load all arrive, in order, with no preflight`, async ({ page, collector }) => {
    const url = await collector.servePage(
      collector.snippetPage({
        version,
        options: { ...collector.loadOptions, flushInterval: 200 },
        body: `<script>analytics.track('First', { n: 1 }); analytics.identify('user-1', { plan: 'pro' }); analytics.track('Second', { n: 2 });</script>`,
      }),
    );
    await page.goto(url);
    const events = await collector.waitForEvents(4);
    expect(events.map((event) => event.type + ':' + (event.event ?? event.userId ?? ''))).toEqual([
      'page:',
      'track:First',
      'identify:user-1',
      'track:Second',
    ]);
    for (const event of events) expect(event.problems).toEqual([]);
    expect(events[1].userId).toBeUndefined();
    expect(events[3].userId).toBe('user-1');
    expect(events[3].context.library.name).toBe('tally');
    expect(await page.evaluate(() => (window as any).analytics.initialized)).toBe(true);
    const requests = await collector.requests();
    expect(requests.filter((request) => request.method === 'OPTIONS')).toEqual([]);
  });
}

test('load options whose getter throws: one console error naming the field, and the queued calls still arrive', async ({
  page,
  collector,
}) => {
  const options = { ...collector.loadOptions, flushInterval: 200 };
  // The snippet's load() gets a JavaScript object, not JSON: one field's getter throws when tally reads it.
  const hostile = `Object.defineProperty(${JSON.stringify(options)}, 'debug', { get() { throw new Error('boom'); }, enumerable: true })`;
  const html = collector
    .snippetPage({ options, body: `<script>analytics.track('Queued', { n: 1 });</script>` })
    .replace(renderLoad(collector.writeKey, options), `analytics.load(${JSON.stringify(collector.writeKey)}, ${hostile});`);
  expect(html).toContain("throw new Error('boom')");
  await page.goto(await collector.servePage(html));
  const events = await collector.waitForEvents(2);
  expect(events.map((event) => event.type + ':' + (event.event ?? ''))).toEqual(['page:', 'track:Queued']);
  expect(await consoleTexts(page, 'error')).toEqual(['[tally] debug: could not be read (boom); using the default']);
});
