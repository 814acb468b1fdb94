// The foundation end to end: the official snippet loads tally, buffered calls arrive in order with their own page, batching holds.
import { expect, test } from './fixtures';

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
