// The core carries codes, not sentences, and no Customer.io (issue 26): the messages piece says a problem in full when it
// is hosted (the debug panel shows the options' problems too), one line with the code and docs anchor when it is not; and
// Customer.io's events are written ahead before its piece is there, so a page view without the piece loses none.
import { readFileSync } from 'node:fs';
import { consoleTexts, expect, test } from './fixtures';

/** The overlay lives in an open shadow root. */
const overlay = (selector: string) => `tally-debug >>> ${selector}`;

test('a typo and a refused Customer.io key: full sentences in the console and in the debug panel', async ({ page, collector }) => {
  const options = {
    ...collector.loadOptions,
    flushInterval: 100,
    flushAt: '20',
    customerIO: {},
    customerio: { siteId: 'S', apiKey: 'sk_x', regoin: 'eu' },
  };
  const url = await collector.servePage(collector.snippetPage({ page: false, options }));
  await page.goto(`${url}?tally_debug=1`);
  const expected = [
    'flushAt: expected an integer 1-2500, got "20"; using 20',
    'customerIO: unknown field (did you mean customerio?); Customer.io is off',
  ];
  await expect.poll(async () => (await consoleTexts(page, 'error')).filter((text) => text.includes('[tally]')).length).toBe(4);
  const errors = await consoleTexts(page, 'error');
  for (const text of expected) expect(errors.some((line) => line.includes(text))).toBe(true);
  expect(errors.some((line) => /customerio\.apiKey: is a secret key \(sk_…\).*Customer\.io is off/.test(line))).toBe(true);
  // The customerio piece's coded problems are said by the core, in full too.
  expect(errors.some((line) => line.includes('customerio.regoin: unknown field (did you mean region?)'))).toBe(true);
  // The panel: the load-time problems, then the refused key the customerio piece found.
  await expect.poll(() => page.texts(overlay('li .name'))).toContain('options: problems found in the options');
  const problems = await page.texts(overlay('li .problem'));
  for (const text of expected) expect(problems).toContain(text);
  expect(problems.some((text) => text.startsWith('customerio.apiKey: is a secret key'))).toBe(true);
});

test('without the messages piece: one line per problem with its code, field, value and docs anchor; the rest works', async ({
  page,
  collector,
}) => {
  const folder = `/no-messages-${collector.writeKey}`;
  await collector.servePage(readFileSync('dist/tally.min.js', 'utf8'), `${folder}/tally.min.js`, { type: 'text/javascript' });
  const options = { ...collector.loadOptions, flushInterval: 100, flushAt: '20' };
  await page.goto(await collector.servePage(collector.snippetPage({ page: false, options, scriptUrl: `${folder}/tally.min.js` })));
  await expect
    .poll(async () => (await consoleTexts(page, 'error')).filter((text) => text.includes('[tally] T102')))
    .toEqual(['[tally] T102 flushAt = "20" (see docs/troubleshooting.md#t102)']);
  await page.evaluate(() => (window as any).analytics.track('Still Works'));
  const [event] = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(event.event).toBe('Still Works');
});

test("Customer.io's events are written ahead before its piece is there: a page view without the piece loses none", async ({
  page,
  collector,
}) => {
  const customerio = { siteId: collector.writeKey, apiKey: 'e2e-key', apiHost: collector.apiUrl };
  const options = { ...collector.loadOptions, customerio, flushInterval: 100 };
  // First page view: the folder has no customerio piece, so Customer.io's events are held in the buffer.
  const folder = `/no-customerio-${collector.writeKey}`;
  await collector.servePage(readFileSync('dist/tally.min.js', 'utf8'), `${folder}/tally.min.js`, { type: 'text/javascript' });
  await page.goto(await collector.servePage(collector.snippetPage({ page: false, options, scriptUrl: `${folder}/tally.min.js` })));
  await page.evaluate(() => ['One', 'Two', 'Three'].forEach((name) => (window as any).analytics.track(name)));
  await collector.waitForEvents(3, { filter: { type: 'track', destination: 'segment' } });
  await expect
    .poll(() => page.evaluate(() => (window as any).analytics.stats()['Customer.io']))
    .toMatchObject({
      queued: 3,
      held: { 'piece unavailable': 3 },
    });
  // Second page view, with every file of dist/: the first one's events go out with its settings.
  await page.goto(await collector.servePage(collector.snippetPage({ page: false, options })));
  const sent = await collector.waitForEvents(3, { filter: { destination: 'customerio' }, timeout: 10_000 });
  expect(sent.map((event) => event.name ?? event.event).sort()).toEqual(['One', 'Three', 'Two']);
});
