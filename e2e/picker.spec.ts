// The picker and the edge's rules host, end to end: a person picks a button and saves a draft; the preview link shows
// the draft's event in its own browser only; publishing reaches an ordinary visitor on their next load without any file
// edited; a rollback takes it away again; two editors publishing from one version get one success and one 412.
// Each test has an edge workspace of its own (/edges/<writeKey>/rules on the collector's site origin).
import { expect, test, type Collector, type CollectorEvent, type TestPage } from './fixtures';

const TOKEN = process.env.TALLY_EDITOR_TOKEN ?? '';
const picker = (selector: string) => `tally-picker >>> ${selector}`;
/** The picker's text, whole (it lives in an open shadow root). */
const pickerText = (page: TestPage) => page.evaluate(() => document.querySelector('tally-picker')?.shadowRoot?.textContent ?? '');
/** Marks the picker's buttons and inputs for the test: `data-e2e` = a button's text, `name` for the event name's input. */
const markPicker = (page: TestPage) =>
  page.evaluate(() => {
    const root = document.querySelector('tally-picker')?.shadowRoot;
    for (const button of root?.querySelectorAll('button') ?? []) button.setAttribute('data-e2e', button.textContent ?? '');
    const sections = [...(root?.querySelectorAll('section') ?? [])];
    sections
      .find((section) => section.querySelector('h3')?.textContent === 'Event name')
      ?.querySelector('input')
      ?.setAttribute('data-e2e', 'name');
    return true;
  });
const pressButton = async (page: TestPage, text: string) => {
  await markPicker(page);
  await page.click(picker(`button[data-e2e="${text}"]`));
};

/** Publishes `events` through the test's edge from version `from`, as an editor's script would; the status. */
const publishDirect = (collector: Collector, rulesUrl: string, events: object, from: number) =>
  fetch(collector.siteUrl + rulesUrl, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'if-match': `"${from}"`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  }).then(async (answer) => ({ status: answer.status, body: (await answer.json()) as Record<string, unknown> }));

/** Clicks #subscribe, then tracks a marker: once the marker arrived, whatever the click sent arrived before it. */
async function clickAndMark(visitor: TestPage, collector: Collector, marker: string): Promise<CollectorEvent[]> {
  await visitor.click('#subscribe');
  await visitor.evaluate((name) => (window as unknown as { analytics: { track(name: string): void } }).analytics.track(name), marker);
  await collector.waitForEvents(1, { filter: { event: marker } });
  const marked = await collector.events({ event: marker });
  const anonymousId = marked[0].anonymousId;
  return (await collector.events({ event: 'Subscribe Clicked' })).filter((event) => event.anonymousId === anonymousId);
}

test('pick, save a draft, preview it in one browser only, publish, roll back; two editors from one version: one 412', async ({
  page,
  collector,
  openContext,
}) => {
  const rulesUrl = `/edges/${collector.writeKey}/rules`;
  expect((await publishDirect(collector, rulesUrl, { 'Other Clicked': { on: 'click', selector: '#other' } }, 0)).status).toBe(200);
  const options = { ...collector.loadOptions, flushInterval: 100, rulesUrl };
  const body = '<main><h1>Plans</h1><button id="subscribe" class="css-1x2y3z">Subscribe</button><button id="other">Other</button></main>';
  const url = await collector.servePage(collector.snippetPage({ page: false, options, body }));

  // An ordinary visitor, there before anything is drafted.
  const visitor = await (await openContext()).newPage();
  await visitor.goto(url);
  expect(await clickAndMark(visitor, collector, 'Before Draft')).toEqual([]);

  // The editor picks the button, gives the token once, names the event and saves a draft.
  await page.goto(`${url}?tally_pick=1`);
  await expect.poll(() => page.text(picker('header'))).toContain('tally picker');
  await page.hover('#subscribe');
  await expect.poll(() => pickerText(page)).toContain('#subscribe · 1 match');
  await page.click('#subscribe');
  await expect.poll(() => pickerText(page)).toContain('Save draft');
  await page.fill(picker('input[type="password"]'), TOKEN);
  await pressButton(page, 'Use token');
  await expect.poll(() => pickerText(page)).toContain('editor token kept for this tab');
  await page.fill(picker('input[data-e2e="name"]'), 'Subscribe Clicked');
  await expect.poll(() => pickerText(page)).toContain('"selector": "#subscribe"');
  await pressButton(page, 'Save draft');
  await expect.poll(() => pickerText(page)).toContain('draft 1 saved');
  const previewHref = await page.evaluate(
    () => document.querySelector('tally-picker')?.shadowRoot?.querySelector('a[target="_blank"]')?.getAttribute('href') ?? '',
  );
  expect(previewHref).toContain('tally_preview=');
  expect(await collector.events({ type: 'track' })).toEqual(
    expect.not.arrayContaining([expect.objectContaining({ event: 'Subscribe Clicked' })]),
  );

  // A second browser opened with the preview link sees the draft (and says so); its events are marked.
  const previewer = await (await openContext()).newPage();
  await previewer.goto(previewHref);
  await expect.poll(() => previewer.text('#tally-preview-badge')).toMatch(/^Preview: draft by developer, .+Exit preview$/);
  await expect
    .poll(async () => (await clickAndMark(previewer, collector, 'Preview Marker')).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  const [previewed] = await clickAndMark(previewer, collector, 'Preview Marker');
  expect((previewed.context as { tally?: { preview?: boolean } }).tally?.preview).toBe(true);
  // The ordinary visitor, reloaded, still has the published rules: no draft event.
  await visitor.goto(url);
  expect(await clickAndMark(visitor, collector, 'During Draft')).toEqual([]);

  // Publish: the ordinary visitor's next load picks the rule up (no file edited, no deploy).
  await pressButton(page, 'Publish');
  await expect.poll(() => pickerText(page)).toContain('published version 2');
  await visitor.goto(url);
  await expect.poll(async () => (await clickAndMark(visitor, collector, 'After Publish')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const [live] = await clickAndMark(visitor, collector, 'After Publish');
  expect((live.context as { tally?: { preview?: boolean } }).tally?.preview).toBeUndefined();

  // Versions, and a rollback to version 1: the rule goes.
  await pressButton(page, 'Versions');
  await expect.poll(() => pickerText(page)).toContain('version 2 by developer');
  await pressButton(page, 'Roll back to this');
  await expect.poll(() => pickerText(page)).toContain('version 1 is live again, as version 3');
  await visitor.goto(url);
  const before = (await clickAndMark(visitor, collector, 'After Rollback')).length;
  // The revalidated document applies when it arrives: wait for it in the page, then a click sends nothing.
  await expect.poll(() => visitor.evaluate(() => JSON.parse(localStorage.getItem('tally_rules') ?? '{}').version)).toBe('3');
  expect((await clickAndMark(visitor, collector, 'After Rollback')).length).toBe(before);

  // Two editors publishing from version 3 at once: one 200, one 412; nothing silently overwritten.
  const both = await Promise.all([
    publishDirect(collector, rulesUrl, { A: { on: 'click', selector: '#other' } }, 3),
    publishDirect(collector, rulesUrl, { B: { on: 'click', selector: '#other' } }, 3),
  ]);
  expect(both.map((answer) => answer.status).sort()).toEqual([200, 412]);
  // The picker, still on version 3, is told who published since instead of overwriting it.
  await pressButton(page, 'Publish');
  await expect.poll(() => pickerText(page)).toContain('not published: version 4 by developer');
});

test('rulesUrl on the edge: a published change applies on the next load; a broken document is refused at publish', async ({
  page,
  collector,
}) => {
  const rulesUrl = `/edges/${collector.writeKey}/rules`;
  expect((await publishDirect(collector, rulesUrl, { 'First Clicked': { on: 'click', selector: 'button.go' } }, 0)).status).toBe(200);
  const options = { ...collector.loadOptions, flushInterval: 100, rulesUrl };
  const url = await collector.servePage(collector.snippetPage({ page: false, options, body: '<button class="go">Go</button>' }));
  await page.goto(url);
  await page.click('button.go');
  await collector.waitForEvents(1, { filter: { event: 'First Clicked' } });

  // A new version renames the button's event: the stored copy applies at once, the fresh one when it arrives.
  const renamed = { 'First Clicked': { on: 'click', selector: 'button.none' }, 'Second Clicked': { on: 'click', selector: 'button.go' } };
  expect((await publishDirect(collector, rulesUrl, renamed, 1)).status).toBe(200);
  await page.goto(url);
  await expect
    .poll(async () => {
      await page.click('button.go');
      return (await collector.events({ type: 'track' })).some((event) => event.event === 'Second Clicked');
    })
    .toBe(true);

  // A broken rule never reaches visitors: the edge refuses it with the SDK's own message, naming the field.
  const broken = await publishDirect(collector, rulesUrl, { 'Second Clicked': { on: 'click', selector: 'button.go', dontfire: '/x' } }, 2);
  expect([broken.status, broken.body.error]).toEqual([400, expect.stringContaining('events["Second Clicked"].dontfire')]);
});
