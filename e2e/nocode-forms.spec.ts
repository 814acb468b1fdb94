// The no-code tracker's submit rules, in each engine: identify from fields, private fields never sent, SPA forms that cancel the submit.
import { consoleTexts, expect, test, withRules } from './fixtures';

const PASSWORD = 'hunter2-Secret!';
const CARD = '4242424242424242';

test('a form with email + password: identify then track, and the password never leaves the page', async ({ page, collector }) => {
  const thanks = `/nocode-thanks-${collector.writeKey}`;
  await collector.servePage('<!doctype html><title>thanks</title><p id="thanks">thanks</p>', thanks);
  const url = await collector.servePage(
    collector.snippetPage({
      options: {
        ...collector.loadOptions,
        flushInterval: 60_000,
        events: {
          'Signed Up': {
            on: 'submit',
            selector: 'form#signup',
            fields: ['email', 'company', 'password', 'card'],
            identify: { email: 'email', traits: ['company'] },
          },
          'Signed Up For Real': {
            on: 'submit',
            selector: 'form#signup',
            skipCancelled: true,
            properties: { mail: { field: 'email' }, secret: { field: 'password' } },
          },
        },
      },
      body: `
        <form id="signup" name="signup" action="${thanks}" method="get">
          <input name="email" type="email" value="ada@example.com">
          <input name="company" value="Acme">
          <input name="password" type="password" autocomplete="new-password">
          <input name="card" autocomplete="cc-number">
          <button id="submit">Sign up</button>
        </form>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized === true);
  await page.fill('input[name=password]', PASSWORD);
  await page.fill('input[name=card]', CARD);
  // The native submit navigates away (a GET form puts the fields in the next page's URL, so it stays unloaded: no snippet there).
  await page.click('#submit');
  await page.waitForURL((next) => next.pathname === thanks);
  // Filtered on duplicate: the foundation's unload() can resend a batch on both visibilitychange and pagehide (same messageIds).
  const events = await collector.waitForEvents(3, { filter: (event) => event.type !== 'page' && !event.duplicate });
  expect(events.map((event) => `${event.type}:${event.event ?? event.traits?.email}`)).toEqual([
    'identify:ada@example.com',
    'track:Signed Up',
    'track:Signed Up For Real',
  ]);
  const [identify, track, real] = events;
  expect(identify.traits).toEqual({ email: 'ada@example.com', company: 'Acme' });
  expect(identify.context.tally).toEqual({ rule: 'Signed Up' });
  expect(track.properties).toEqual({ email: 'ada@example.com', company: 'Acme', formId: 'signup', formName: 'signup', formAction: thanks });
  expect(real.properties.mail).toBe('ada@example.com');
  const bodies = JSON.stringify((await collector.requests()).map((request) => request.body));
  expect(bodies).toContain('ada@example.com');
  expect(bodies).not.toContain(PASSWORD);
  expect(bodies).not.toContain(CARD);
  expect((await consoleTexts(page, 'warning')).filter((text) => text.includes('private'))).toHaveLength(3);
});

test('an SPA form that cancels the submit still counts, unless the rule says skipCancelled', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Lead Submitted': { on: 'submit', selector: 'form.lead', fields: ['email'] },
        'Lead Posted Natively': { on: 'submit', selector: 'form.lead', skipCancelled: true },
        'Ignored Form': { on: 'submit', selector: 'form' },
      }),
      body: `
        <form class="lead" id="lead"><input name="email" value="grace@example.com"><button id="send">Send</button></form>
        <div data-tally-ignore><form id="quiet"><button id="quiet-send">Send</button></form></div>
        <p id="sent"></p>
        <script>
          document.addEventListener('submit', function (event) {
            event.preventDefault();
            var form = event.target;
            // An SPA posts by fetch and resets the form at once; the rule read the values before.
            form.reset && form.querySelector('input') && (form.querySelector('input').value = '');
            document.getElementById('sent').textContent += form.id + ' ';
          });
        </script>`,
    }),
  );
  await page.goto(url);
  await page.click('#send');
  await page.click('#quiet-send');
  await expect.poll(() => page.text('#sent')).toBe('lead quiet');
  await collector.waitForEvents(2, { filter: { type: 'track' } });
  await page.evaluate(() => (window as any).analytics.flush());
  const tracks = await collector.events({ type: 'track' });
  // 'Ignored Form' matches form.lead too: one event per rule per submit.
  expect(tracks.map((event) => event.event).sort()).toEqual(['Ignored Form', 'Lead Submitted']);
  expect(tracks.find((event) => event.event === 'Lead Submitted')!.properties.email).toBe('grace@example.com');
  expect(await page.url()).toBe(url);
});
