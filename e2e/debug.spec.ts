// The debug overlay: loaded on demand (not in tally.min.js), in a shadow root, listing an event with its destinations and delivery.
import { consoleTexts, expect, test } from './fixtures';

/** The overlay lives in an open shadow root. */
const overlay = (selector: string) => `tally-debug >>> ${selector}`;

test('?tally_debug=1 shows each event with its destinations and delivery state', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100 },
      body: `<script>analytics.track('Debugged', { n: 1 });</script>`,
    }),
  );
  await page.goto(`${url}?tally_debug=1`);
  await expect.poll(() => page.texts(overlay('li .name'))).toEqual(['track "Debugged"']);
  await expect.poll(() => page.texts(overlay('li .destination'))).toEqual(['→ Segment.io: sent (200)']);
  const scripts = await page.evaluate(() => Array.from(document.scripts, (script) => script.src.split('/').pop()));
  expect(scripts).toContain('tally-debug.js');
  await page.evaluate(() => (window as any).analytics.track('Later'));
  await expect.poll(() => page.text(overlay('li .name'))).toBe('track "Later"');
});

test('no debug: the overlay piece is not loaded', async ({ page, collector }) => {
  const url = await collector.servePage(collector.snippetPage({ page: false, body: `<script>analytics.track('Quiet');</script>` }));
  await page.goto(url);
  await collector.waitForEvents(1, { timeout: 8000 });
  expect(await page.count('tally-debug')).toBe(0);
  expect(
    await page.evaluate(() => Array.from(document.scripts, (script) => script.src).filter((src) => src.includes('tally-debug'))),
  ).toEqual([]);
});

test("a click rule's event shows its rule and each destination's delivery", async ({ page, collector }) => {
  const options = {
    ...collector.loadOptions,
    flushInterval: 100,
    customerio: { writeKey: 'cio-debug-key', apiHost: `${collector.apiUrl}/cdp/v1` },
    events: {
      'Signup Clicked': { on: 'click', selector: 'button.signup' },
      'Internal Clicked': { on: 'click', selector: 'button.internal', destinations: { customerio: false } },
    },
  };
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options,
      body: '<button class="signup"><span>Sign up</span></button><button class="internal">Internal</button>',
    }),
  );
  await page.goto(`${url}?tally_debug=1`);
  await expect.poll(() => page.text(overlay('header'))).toContain('tally debug');
  await page.click('button.signup span');
  await expect.poll(() => page.text(overlay('li .name'))).toBe('track "Signup Clicked"');
  expect(await page.text(overlay('li .meta'))).toBe('rule: Signup Clicked');
  await expect
    .poll(() => page.texts(overlay('li:first-child .destination')))
    .toEqual(['→ Segment.io: sent (200)', '→ Customer.io: sent (200)']);
  await page.click('button.internal');
  await expect.poll(() => page.text(overlay('li .name'))).toBe('track "Internal Clicked"');
  await expect.poll(() => page.texts(overlay('li:first-child .destination'))).toEqual(['→ Segment.io: sent (200)']);
});

test('analytics.debug() logs each event and answer to the console without the overlay', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100 },
      body: `<script>analytics.debug(); analytics.track('Logged');</script>`,
    }),
  );
  await page.goto(url);
  await collector.waitForEvents(1, { timeout: 8000 });
  await expect.poll(async () => (await consoleTexts(page, 'debug')).join('\n')).toContain('Segment.io answered 200 for 1 events');
  const lines = await consoleTexts(page, 'debug');
  expect(lines.filter((line) => line.startsWith('[tally] track to Segment.io'))).toHaveLength(1);
  expect(await page.count('tally-debug')).toBe(0);
});
