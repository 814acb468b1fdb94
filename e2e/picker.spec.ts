// The point-and-click picker and rules from a URL: a person picks a button, names the event, saves the rule to
// the site's rules document; after a reload (no change to the page) a click on that button sends the event.
import { consoleTexts, expect, test } from './fixtures';

test('pick a button, save the rule, reload, click: the event reaches the collector', async ({ page, collector }) => {
  const rulesUrl = `/rules/${collector.writeKey}.json`;
  // The site's rules document starts empty (the e2e collector keeps saved documents in memory).
  const created = await fetch(`${collector.siteUrl}/__tally/rules?url=${encodeURIComponent(rulesUrl)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: {} }),
  });
  expect(created.status).toBe(200);
  const options = { ...collector.loadOptions, flushInterval: 100, rulesUrl };
  const body = '<main><h1>Plans</h1><button id="subscribe" class="css-1x2y3z">Subscribe</button><button>Other</button></main>';
  const url = await collector.servePage(collector.snippetPage({ page: false, options, body }));

  await page.goto(`${url}?tally_pick=1`);
  const picker = (selector: string) => `tally-picker >>> ${selector}`;
  /** The picker's text, whole (it lives in an open shadow root). */
  const pickerText = () => page.evaluate(() => document.querySelector('tally-picker')?.shadowRoot?.textContent ?? '');
  await expect.poll(() => page.text(picker('header'))).toContain('tally picker');
  // Hovering shows the selector a click there would match, with its live count on this page.
  await page.hover('#subscribe');
  await expect.poll(pickerText).toContain('#subscribe · 1 match');
  // The picker swallows the click: no event yet, the editor opens.
  await page.click('#subscribe');
  await expect.poll(pickerText).toContain('Event name');
  // The editor's sections, in order: Trigger, Element, Event name, ... (see src/picker/editor.ts).
  const nameInput = await page.evaluate(() => {
    const sections = [...(document.querySelector('tally-picker')?.shadowRoot?.querySelectorAll('section') ?? [])];
    const index = sections.findIndex((section) => section.querySelector('h3')?.textContent === 'Event name');
    sections[index]?.querySelector('input')?.setAttribute('data-e2e', 'name');
    const save = [...(document.querySelector('tally-picker')?.shadowRoot?.querySelectorAll('button') ?? [])].find((button) =>
      button.textContent?.startsWith('Save to '),
    );
    save?.setAttribute('data-e2e', 'save');
    return index >= 0;
  });
  expect(nameInput).toBe(true);
  await page.fill(picker('input[data-e2e="name"]'), 'Subscribe Clicked');
  await expect.poll(pickerText).toContain('"selector": "#subscribe"');
  await page.click(picker('button[data-e2e="save"]'));
  await expect.poll(pickerText).toContain('saved (version 2)');

  const saved = await (await fetch(`${collector.siteUrl}${rulesUrl}`)).json();
  expect(saved.events['Subscribe Clicked']).toMatchObject({ on: 'click', selector: '#subscribe' });
  expect(await collector.events({ type: 'track' })).toEqual([]);

  // The page itself is unchanged: the rule comes from the document.
  await page.goto(url);
  await page.click('#subscribe');
  await page.click('main button:last-child');
  const [event] = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(event.event).toBe('Subscribe Clicked');
  await page.waitForTimeout(300);
  expect(await collector.events({ type: 'track' })).toHaveLength(1);
});

test('rulesUrl: a changed document takes effect on the next load; a broken one keeps the last good rules', async ({ page, collector }) => {
  const rulesUrl = `/rules/${collector.writeKey}-swr.json`;
  const save = (events: Record<string, unknown>) =>
    fetch(`${collector.siteUrl}/__tally/rules?url=${encodeURIComponent(rulesUrl)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
  await save({ 'First Clicked': { on: 'click', selector: 'button.go' } });
  const options = { ...collector.loadOptions, flushInterval: 100, rulesUrl };
  const url = await collector.servePage(collector.snippetPage({ page: false, options, body: '<button class="go">Go</button>' }));
  await page.goto(url);
  await page.click('button.go');
  await collector.waitForEvents(1, { filter: { event: 'First Clicked' } });

  // The document changes (a new name for the same button): the stored copy applies at once, the fresh one when it arrives.
  await save({ 'First Clicked': { on: 'click', selector: 'button.none' }, 'Second Clicked': { on: 'click', selector: 'button.go' } });
  await page.goto(url);
  await expect
    .poll(async () => {
      await page.click('button.go');
      return (await collector.events({ type: 'track' })).some((event) => event.event === 'Second Clicked');
    })
    .toBe(true);

  // A document with a broken rule: one error naming the URL and the field; the last good rules keep working.
  await save({ 'Second Clicked': { on: 'click', selector: 'button.go', dontfire: '/x' } });
  await page.goto(url);
  await expect.poll(async () => (await consoleTexts(page, 'error')).join('\n')).toContain('dontfire');
  const before = (await collector.events({ event: 'Second Clicked' })).length;
  await page.click('button.go');
  await expect.poll(async () => (await collector.events({ event: 'Second Clicked' })).length).toBeGreaterThan(before);
});
