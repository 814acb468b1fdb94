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
  await expect.poll(() => page.text(overlay('li:not(.note) .name'))).toBe('track "Signup Clicked"');
  expect(await page.text(overlay('li:not(.note) .meta'))).toBe('rule: Signup Clicked');
  await expect
    .poll(() => page.texts(overlay('li:not(.note) .destination')))
    .toEqual(['→ Segment.io: sent (200)', '→ Customer.io: sent (200)']);
  await page.click('button.internal');
  await expect.poll(() => page.text(overlay('li:not(.note) .name'))).toBe('track "Internal Clicked"');
  // The newest event row: Customer.io is toggled off for this rule.
  const newest = () =>
    page.evaluate(() =>
      [...(document.querySelector('tally-debug')?.shadowRoot?.querySelector('li:not(.note)')?.querySelectorAll('.destination') ?? [])].map(
        (line) => line.textContent,
      ),
    );
  await expect.poll(newest).toEqual(['→ Segment.io: sent (200)']);
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
  // Each event's line names it and the page it was made on.
  expect(lines.filter((line) => /^\[tally\] track "Logged" on \/\S* to Segment\.io/.test(line))).toHaveLength(1);
  expect(await page.count('tally-debug')).toBe(0);
});

test('the rules preview says at load what is broken, and for each click which rule fired and why the others did not', async ({
  page,
  collector,
}) => {
  const options = {
    ...collector.loadOptions,
    flushInterval: 100,
    events: {
      'Signup Clicked': { on: 'click', selector: 'button.signup' },
      'Signin Clicked': { on: 'click', selector: 'button.signin' },
      'Blocked Clicked': { on: 'click', selector: 'button.signup', dontFire: '*' },
      'Typo Clicked': { on: 'click', selector: 'button.signup', dontfire: '/x' },
      'Form Sent': { on: 'submit', selector: '.signup' },
    },
  };
  const url = await collector.servePage(collector.snippetPage({ page: false, options, body: '<button class="signup">Sign up</button>' }));
  await page.goto(`${url}?tally_debug=1`);
  /** The preview's notes in the overlay: each one's title and lines by kind. */
  const notes = () =>
    page.evaluate(() =>
      [...(document.querySelector('tally-debug')?.shadowRoot?.querySelectorAll('li.note') ?? [])].map((note) => ({
        title: note.querySelector('.name')?.textContent ?? '',
        fired: [...note.querySelectorAll('.fired')].map((line) => line.textContent),
        missed: [...note.querySelectorAll('.missed')].map((line) => line.textContent),
        problems: [...note.querySelectorAll('.problem')].map((line) => line.textContent),
      })),
    );
  const note = async (title: string) => (await notes()).find((candidate) => candidate.title.startsWith(title));
  // At load: the definition a typo disabled, a selector that finds nothing, a submit rule on something that is not a form.
  await expect
    .poll(async () => (await note('rules: problems found when the rules were read'))?.problems.join('\n'))
    .toContain('events["Typo Clicked"].dontfire: unknown field (did you mean dontFire?)');
  const selectors = (await note('rules: selectors on'))!.problems;
  expect(selectors).toContain('"Signin Clicked" (click button.signin): the selector matches no element on this page');
  expect(selectors).toContain(
    '"Form Sent" (submit .signup): the selector matches <button.signup "Sign up">, which is not a form; only a form fires submit',
  );
  await page.click('button.signup');
  await expect.poll(() => note('rules: click on <button.signup "Sign up">')).toBeTruthy();
  const click = (await note('rules: click on <button.signup "Sign up">'))!;
  expect(click.fired).toEqual(['"Signup Clicked" fired: matched <button.signup "Sign up">, to Segment.io']);
  expect(click.missed[0]).toBe('"Signin Clicked" did not fire: selector button.signin did not match (clicked <button.signup "Sign up">)');
  expect(click.missed[1]).toMatch(/^"Blocked Clicked" did not fire: path gate: dontFire pattern \* matches \//);
  // The same on the console, and only the rule that fired sent an event.
  expect((await consoleTexts(page, 'debug')).join('\n')).toContain('✓ "Signup Clicked" fired');
  const events = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(events.map((event) => event.event)).toEqual(['Signup Clicked']);
});
