// The no-code tracker's click rules, in each engine, through the official snippet: composed paths, shadow DOM, late elements, navigation.
import { expect, test, withRules } from './fixtures';

test('click rules: inner span, shadow-DOM button, button added after load, stopPropagation, labels, data-tally-ignore', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Signup Clicked': { on: 'click', selector: 'button.signup', properties: { plan: { attr: 'data-plan' }, label: { text: true } } },
        'Buy Clicked': { on: 'click', selector: 'button.buy' },
        'Late Clicked': { on: 'click', selector: '.late' },
        'Plan Picked': { on: 'click', selector: '.plan' },
        'Big Clicked': { on: 'click', selector: 'button', text: 'Big*' },
      }),
      body: `
        <button class="signup" id="signup" data-plan="pro"><span id="inner">Sign <b>up</b></span></button>
        <div id="stopper"><button class="signup" data-plan="team" id="stopped">Team</button></div>
        <x-shop id="shop"></x-shop>
        <div class="plan"><label for="annual" id="label">Annual</label><input type="radio" id="annual" name="period"></div>
        <div data-tally-ignore><button class="signup" id="ignored">Hidden</button></div>
        <button id="big">Big deal</button><button id="small">Small deal</button>
        <script>
          document.getElementById('stopper').addEventListener('click', function (event) { event.stopPropagation(); });
          customElements.define('x-shop', class extends HTMLElement {
            connectedCallback() {
              var root = this.attachShadow({ mode: 'open' });
              var button = document.createElement('button');
              button.className = 'buy';
              button.id = 'buy';
              button.textContent = 'Buy';
              root.append(button);
            }
          });
          setTimeout(function () {
            var late = document.createElement('a');
            late.className = 'late'; late.id = 'late'; late.textContent = 'Late'; late.href = '#late';
            document.body.append(late);
          }, 300);
        </script>`,
    }),
  );
  await page.goto(url);
  await page.click('#inner');
  await page.click('#stopped');
  await page.click('#shop >>> button.buy');
  await page.click('#late');
  await page.click('#label');
  await page.click('#ignored');
  await page.click('#big');
  await page.click('#small');
  await collector.waitForEvents(6, { filter: { type: 'track' } });
  await page.evaluate(() => (window as any).analytics.flush());
  const tracks = await collector.events({ type: 'track' });
  expect(tracks.map((event) => event.event)).toEqual([
    'Signup Clicked',
    'Signup Clicked',
    'Buy Clicked',
    'Late Clicked',
    'Plan Picked',
    'Big Clicked',
  ]);
  const [inner, stopped, buy, late] = tracks;
  expect(inner.properties).toMatchObject({
    plan: 'pro',
    label: 'Sign up',
    elementId: 'signup',
    elementText: 'Sign up',
    elementClasses: 'signup',
  });
  expect(inner.context.tally).toEqual({ rule: 'Signup Clicked' });
  expect(stopped.properties.plan).toBe('team');
  expect(buy.properties.elementId).toBe('buy');
  expect(late.properties.href).toBe('#late');
  for (const event of tracks) expect(event.problems).toEqual([]);
});

test('a link click that navigates away still delivers its event, without holding the navigation', async ({ page, collector }) => {
  const next = await collector.servePage(
    '<!doctype html><title>next</title><p id="next">next page</p>',
    `/nocode-next-${collector.writeKey}`,
  );
  const url = await collector.servePage(
    collector.snippetPage({
      // A long flush interval: only the page-hide send can deliver the click in time.
      options: withRules(
        collector.loadOptions,
        { 'Outbound Clicked': { on: 'click', selector: 'a.out', properties: { to: { attr: 'href' } } } },
        { flushInterval: 60_000 },
      ),
      body: `<a class="out" href="${next}"><span id="go">Go</span></a>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized === true);
  await page.click('#go');
  await page.waitForURL(next);
  expect(await page.isVisible('#next')).toBe(true);
  const [event] = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(event.event).toBe('Outbound Clicked');
  expect(event.properties.to).toBe(next);
});
