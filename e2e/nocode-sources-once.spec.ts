// The no-code tracker's property sources and firing limits, in each engine, against the built bundle: meta, JSON-LD,
// cookie, URL part, regex and data layer sources with `as`; `once: 'page' | 'session'` exactly once on the collector's
// records across clicks, pushes, a route change and a reload; and no sessionStorage before a consent grant.
import { consoleTexts, expect, test, withRules } from './fixtures';

test('property sources: meta, JSON-LD, cookie, URL part, regex, query and the data layer, with as: number | boolean', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Product Viewed': {
          on: 'page',
          properties: {
            title: { meta: 'og:title' },
            price: { meta: 'product:price', as: 'number' },
            ldPrice: { jsonLd: 'offers.price', as: 'number' },
            brand: { jsonLd: 'brand.name' },
            plan: { cookie: 'plan' },
            beta: { cookie: 'beta', as: 'boolean' },
            category: { urlPart: 'path', index: 2 },
            id: { regex: '/products/\\w+/(\\d+)', as: 'number' },
            ref: { query: 'ref' },
            site: { data: 'site' },
          },
        },
        'Product Added': {
          on: 'dataLayer',
          event: 'add_to_cart',
          properties: { value: { data: 'ecommerce.value', as: 'number' }, site: { data: 'site' } },
        },
      }),
      head: `<meta property="og:title" content="Red Shoes">
        <meta property="product:price" content="$1,299.00">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","brand":{"@type":"Brand","name":"Acme"},"offers":{"@type":"Offer","price":"1.299,00 €"}}</script>
        <script>
          document.cookie = 'plan=pro%20yearly; path=/';
          document.cookie = 'beta=yes; path=/';
          window.dataLayer = [{ site: 'demo' }];
        </script>`,
    }),
    '/products/shoes/42',
  );
  await page.goto(`${url}?ref=mail`);
  await collector.waitForEvents(1, { filter: { type: 'track' } });
  await page.evaluate(() => (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { value: '1.299,50' } }));
  await collector.waitForEvents(2, { filter: { type: 'track' } });
  const tracks = await collector.events({ type: 'track' });
  expect(tracks.map((event) => [event.event, event.properties])).toEqual([
    [
      'Product Viewed',
      {
        title: 'Red Shoes',
        price: 1299,
        ldPrice: 1299,
        brand: 'Acme',
        plan: 'pro yearly',
        beta: true,
        category: 'shoes',
        id: 42,
        ref: 'mail',
        site: 'demo',
      },
    ],
    ['Product Added', { value: 1299.5, site: 'demo' }],
  ]);
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});

test('once: page fires once per page view, session once per tab session, across clicks, pushes, a route change and a reload', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Buy Every': { on: 'click', selector: 'button.buy' },
        'Buy Page': { on: 'click', selector: 'button.buy', once: 'page' },
        'Buy Session': { on: 'click', selector: 'button.buy', once: 'session' },
        'Added Once': { on: 'dataLayer', event: 'add_to_cart', once: 'page' },
      }),
      head: '<script>window.dataLayer = [];</script>',
      body: '<button class="buy">Buy</button>',
    }),
  );
  // Clicks made before the core is up are not recorded (a click while the tracker piece loads is).
  const ready = () => page.waitForFunction(() => (window as any).analytics.initialized === true);
  await page.goto(url);
  await ready();
  // Two clicks and two pushes in one round trip (WebKit's WebDriver makes each call slow); the tracker hears element.click() as any click.
  const clickAndPush = () =>
    page.evaluate(() => {
      for (let i = 0; i < 2; i++) {
        (document.querySelector('button.buy') as HTMLElement).click();
        (window as any).dataLayer.push({ event: 'add_to_cart' });
      }
    });
  const sent = async (count: number) => {
    // Every click fires 'Buy Every': waiting for all of them, in order, has every limited event that fired before them.
    await collector.waitForEvents(count, { filter: { type: 'track', event: 'Buy Every' } });
    await page.evaluate(() => (window as any).analytics.flush());
    const names = (await collector.events({ type: 'track' })).map((event) => event.event as string);
    return Object.fromEntries(
      ['Buy Every', 'Buy Page', 'Buy Session', 'Added Once'].map((name) => [name, names.filter((n) => n === name).length]),
    );
  };
  await clickAndPush();
  expect(await sent(2)).toEqual({ 'Buy Every': 2, 'Buy Page': 1, 'Buy Session': 1, 'Added Once': 1 });
  // A single-page-app route change starts a new page view; the session goes on.
  await page.evaluate(() => history.pushState(null, '', '/next'));
  await clickAndPush();
  expect(await sent(4)).toEqual({ 'Buy Every': 4, 'Buy Page': 2, 'Buy Session': 1, 'Added Once': 2 });
  // A reload is a new page view in the same tab session.
  await page.goto(url);
  await ready();
  await page.evaluate(() => [1, 2].forEach(() => (document.querySelector('button.buy') as HTMLElement).click()));
  expect(await sent(6)).toEqual({ 'Buy Every': 6, 'Buy Page': 3, 'Buy Session': 1, 'Added Once': 2 });
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});

test('once under consent required: nothing in sessionStorage before the grant, the limit kept in memory, stored after it', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(
        collector.loadOptions,
        { 'Buy Every': { on: 'click', selector: 'button.buy' }, 'Buy Session': { on: 'click', selector: 'button.buy', once: 'session' } },
        { consent: { required: true } },
      ),
      body: '<button class="buy">Buy</button>',
    }),
  );
  const click = (times: number) =>
    page.evaluate((n) => {
      for (let i = 0; i < n; i++) (document.querySelector('button.buy') as HTMLElement).click();
    }, times);
  const ready = () => page.waitForFunction(() => (window as any).analytics.initialized === true);
  await page.goto(url);
  await ready();
  await click(2);
  // The rule events wait for consent; the limit held them to one.
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  await page.evaluate(() => (window as any).analytics.consent(true));
  await click(1);
  await collector.waitForEvents(3, { filter: { type: 'track', event: 'Buy Every' } });
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('tally_once') ?? 'null'))).toEqual({
    session: expect.stringMatching(/^\d{13}$/), // the core's session id (its start, ms)
    names: ['Buy Session'],
  });
  await page.goto(url);
  await ready();
  await click(1);
  await collector.waitForEvents(4, { filter: { type: 'track', event: 'Buy Every' } });
  await page.evaluate(() => (window as any).analytics.flush());
  const names = (await collector.events({ type: 'track' })).map((event) => event.event);
  expect(names.filter((name) => name === 'Buy Session')).toEqual(['Buy Session']);
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});
