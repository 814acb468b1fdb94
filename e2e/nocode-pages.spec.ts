// The no-code tracker's page rules and trigger paths, in each engine: SPA route changes once each, dontFire over fire, toggles, bad rules.
import { consoleTexts, expect, test, withRules } from './fixtures';

test('SPA route changes fire page rules once per real URL change', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        View: { on: 'page', properties: { ref: { query: 'ref' } } },
        'Docs Viewed': { on: 'page', fire: ['/docs/*'] },
      }),
    }),
    `/spa-${collector.writeKey}`,
  );
  await page.goto(url + '?ref=mail');
  await collector.waitForEvents(1, { filter: { type: 'track' } });
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    history.pushState({}, '', '/docs/intro'); // 1: View + Docs Viewed
    history.replaceState({ scroll: 1 }, '', '/docs/intro'); // same URL: nothing
    await pause();
    // Vue Router's push: replaceState on the current URL, then pushState.
    history.replaceState({ back: 1 }, '', location.href);
    history.pushState({}, '', '/docs/api'); // 2: View + Docs Viewed
    await pause();
    location.hash = '#errors'; // 3: popstate and hashchange, counted once: View + Docs Viewed
    await pause();
    history.pushState({}, '', '/pricing'); // 4: View only
    await pause();
    history.back(); // 5: popstate back to /docs/api#errors: View + Docs Viewed
    await pause();
  });
  await collector.waitForEvents(10, { filter: { type: 'track' } });
  await page.waitForTimeout(300);
  await page.evaluate(() => (window as any).analytics.flush());
  const tracks = await collector.events({ type: 'track' });
  const seen = tracks.map((event) => `${event.event} ${new URL(event.context.page.url).pathname}${new URL(event.context.page.url).hash}`);
  expect(seen).toEqual([
    `View /spa-${collector.writeKey}`,
    'View /docs/intro',
    'Docs Viewed /docs/intro',
    'View /docs/api',
    'Docs Viewed /docs/api',
    'View /docs/api',
    'Docs Viewed /docs/api',
    'View /pricing',
    'View /docs/api',
    'Docs Viewed /docs/api',
  ]);
  expect(tracks[0].properties.ref).toBe('mail');
  // The snippet's own page() call came first: listeners start after the buffered calls.
  const all = await collector.events();
  expect(all[0].type).toBe('page');
});

test('dontFire beats fire for rule events and app-code events; $page and destination toggles', async ({ page, collector }) => {
  const events = {
    'Pricing Viewed': { on: 'page', fire: ['/pricing*'], dontFire: ['/pricing/internal*'] },
    'Upgrade Clicked': { fire: [{ startsWith: '/pricing', on: 'path' }], dontFire: ['*/internal*'] },
    'Quiet Event': { destinations: { segment: false } },
    $page: { dontFire: ['/pricing/internal*'] },
  };
  const open = async (path: string) => {
    const url = await collector.servePage(collector.snippetPage({ options: withRules(collector.loadOptions, events) }), path);
    await page.goto(url);
    await page.waitForFunction(() => (window as any).analytics.initialized === true);
    await page.evaluate(() => {
      const analytics = (window as any).analytics;
      analytics.track('Upgrade Clicked');
      analytics.track('Quiet Event');
      analytics.track('Undefined Event');
      return analytics.flush();
    });
  };
  await open(`/pricing/internal/${collector.writeKey}`);
  await open(`/pricing/${collector.writeKey}`);
  await collector.waitForEvents(5);
  await page.waitForTimeout(300);
  const seen = (await collector.events()).map(
    (event) => `${event.type} ${event.event ?? ''} ${new URL(event.context.page.url).pathname.split('/')[2]}`,
  );
  expect(seen.sort()).toEqual(
    [
      `track Undefined Event internal`,
      `page  ${collector.writeKey}`,
      `track Pricing Viewed ${collector.writeKey}`,
      `track Upgrade Clicked ${collector.writeKey}`,
      `track Undefined Event ${collector.writeKey}`,
    ].sort(),
  );
});

test('an invalid rule beside valid ones: one console error naming event and field, the valid ones fire', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Landing Viewed': { on: 'page' },
        'Broken Click': { on: 'click', selector: 'button[', properties: { x: { text: 'yes' } } },
        'Good Click': { on: 'click', selector: '#go' },
      }),
      body: '<button id="go">Go</button>',
    }),
  );
  await page.goto(url);
  await page.click('#go');
  await collector.waitForEvents(2, { filter: { type: 'track' } });
  const tracks = await collector.events({ type: 'track' });
  expect(tracks.map((event) => event.event)).toEqual(['Landing Viewed', 'Good Click']);
  expect(await consoleTexts(page, 'error')).toEqual([
    '[tally] events["Broken Click"].selector: invalid CSS selector "button["; this definition is disabled',
  ]);
});

test('a regex that could freeze the page is refused at load: one console error, the other rules fire at once', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Landing Viewed': { on: 'page' },
        // Exponential on the query below: (a+)+$ took 1.9 s at 26 characters in V8, doubling with each one more.
        'Evil Viewed': { on: 'page', fire: { regex: '(a+)+$', on: 'query' } },
        'Good Click': { on: 'click', selector: '#go' },
      }),
      body: '<button id="go">Go</button>',
    }),
  );
  await page.goto(`${url}?${'a'.repeat(40)}!`);
  await page.click('#go');
  await collector.waitForEvents(2, { filter: { type: 'track' } });
  const tracks = await collector.events({ type: 'track' });
  expect(tracks.map((event) => event.event)).toEqual(['Landing Viewed', 'Good Click']);
  expect(await consoleTexts(page, 'error')).toEqual([
    '[tally] events["Evil Viewed"].fire[0].regex: "(a+)+$" has a quantifier inside a repeated group, such as (a+)+, which can freeze the page for seconds on a long URL or text (ReDoS); rewrite it without that; this definition is disabled',
  ]);
});

test("pageviews: 'history' sends page() on each real URL change of a single-page app, once each", async ({ page, collector }) => {
  const options = { ...collector.loadOptions, flushInterval: 200, pageviews: 'history' };
  await page.goto(await collector.servePage(collector.snippetPage({ options }), `/app-${collector.writeKey}`));
  await collector.waitForEvents(1, { filter: { type: 'page' } });
  // The tracker piece (which listens) may still be loading: wait for it.
  await page.waitForFunction(() => (window as any).__tallyPieces?.tracker);
  await page.evaluate(() => {
    history.pushState({}, '', '/app/settings');
    history.replaceState({}, '', '/app/settings'); // same URL: nothing
    history.pushState({}, '', '/app/settings#billing'); // hash only: nothing with 'history'
    history.pushState({}, '', '/app/billing');
  });
  await collector.waitForEvents(3, { filter: { type: 'page' } });
  await page.waitForTimeout(500);
  const pages = await collector.events({ type: 'page' });
  expect(pages.map((event) => event.context.page.path)).toEqual([`/app-${collector.writeKey}`, '/app/settings', '/app/billing']);
});
