// The debug overlay: loaded on demand (not in tally.min.js), in a shadow root, listing an event with its destinations and delivery.
import { expect, test } from './fixtures';

test('?tally_debug=1 shows each event with its destinations and delivery state', async ({ page, collector }) => {
  const url = await collector.servePage(collector.snippetPage({ page: false, options: { ...collector.loadOptions, flushInterval: 100 }, body: `<script>analytics.track('Debugged', { n: 1 });</script>` }));
  await page.goto(`${url}?tally_debug=1`);
  const overlay = page.locator('tally-debug');
  await expect(overlay.locator('li .name')).toHaveText('track "Debugged"');
  await expect(overlay.locator('li .destination')).toHaveText('→ Segment.io: sent (200)');
  const scripts = await page.evaluate(() => Array.from(document.scripts, (script) => script.src.split('/').pop()));
  expect(scripts).toContain('tally-debug.js');
  await page.evaluate(() => (window as any).analytics.track('Later'));
  await expect(overlay.locator('li .name').first()).toHaveText('track "Later"');
});

test('no debug: the overlay piece is not loaded', async ({ page, collector }) => {
  const url = await collector.servePage(collector.snippetPage({ page: false, body: `<script>analytics.track('Quiet');</script>` }));
  await page.goto(url);
  await collector.waitForEvents(1, { timeout: 8000 });
  expect(await page.locator('tally-debug').count()).toBe(0);
  expect(await page.evaluate(() => Array.from(document.scripts, (script) => script.src).filter((src) => src.includes('tally-debug')))).toEqual([]);
});
