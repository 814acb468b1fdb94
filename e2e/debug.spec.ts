// The debug overlay: loaded on demand (not in tally.min.js), in a shadow root, listing an event with its destinations and delivery.
import { consoleMessages, expect, test } from './fixtures';

test('?tally_debug=1 shows each event with its destinations and delivery state', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100 },
      body: `<script>analytics.track('Debugged', { n: 1 });</script>`,
    }),
  );
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
  const overlay = page.locator('tally-debug');
  await expect(overlay.locator('header')).toContainText('tally debug');
  await page.click('button.signup span');
  // Event rows (the rules preview adds its notes as rows of class note).
  const row = overlay.locator('li:not(.note)').first();
  await expect(row.locator('.name')).toHaveText('track "Signup Clicked"');
  await expect(row.locator('.meta')).toHaveText('rule: Signup Clicked');
  await expect(row.locator('.destination')).toHaveText(['→ Segment.io: sent (200)', '→ Customer.io: sent (200)']);
  await page.click('button.internal');
  await expect(overlay.locator('li:not(.note)').first().locator('.destination')).toHaveText(['→ Segment.io: sent (200)']);
});

test('analytics.debug() logs each event and answer to the console without the overlay', async ({ page, collector }) => {
  const lines = consoleMessages(page, 'debug');
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100 },
      body: `<script>analytics.debug(); analytics.track('Logged');</script>`,
    }),
  );
  await page.goto(url);
  await collector.waitForEvents(1, { timeout: 8000 });
  await expect.poll(() => lines.join('\n')).toContain('Segment.io answered 200 for 1 events');
  // Each event's line names it and the page it was made on.
  expect(lines.filter((line) => /^\[tally\] track "Logged" on \/\S* to Segment\.io/.test(line))).toHaveLength(1);
  expect(await page.locator('tally-debug').count()).toBe(0);
});

test('the rules preview says at load what is broken, and for each click which rule fired and why the others did not', async ({
  page,
  collector,
}) => {
  const lines = consoleMessages(page, 'debug');
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
  const notes = page.locator('tally-debug li.note');
  // At load: the definition a typo disabled, a selector that finds nothing, a submit rule on something that is not a form.
  await expect(notes.filter({ hasText: 'problems found when the rules were read' })).toContainText(
    'events["Typo Clicked"].dontfire: unknown field (did you mean dontFire?)',
  );
  const selectors = notes.filter({ hasText: 'rules: selectors on' });
  await expect(selectors).toContainText('"Signin Clicked" (click button.signin): the selector matches no element on this page');
  await expect(selectors).toContainText(
    '"Form Sent" (submit .signup): the selector matches <button.signup "Sign up">, which is not a form',
  );
  await page.click('button.signup');
  const click = notes.filter({ hasText: 'rules: click on <button.signup "Sign up">' });
  await expect(click.locator('.fired')).toHaveText(['"Signup Clicked" fired: matched <button.signup "Sign up">, to Segment.io']);
  await expect(click.locator('.missed')).toHaveText([
    '"Signin Clicked" did not fire: selector button.signin did not match (clicked <button.signup "Sign up">)',
    /^"Blocked Clicked" did not fire: path gate: dontFire pattern \* matches \//,
  ]);
  // The same on the console, and only the rule that fired sent an event.
  expect(lines.join('\n')).toContain('✓ "Signup Clicked" fired');
  const events = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(events.map((event) => event.event)).toEqual(['Signup Clicked']);
});
