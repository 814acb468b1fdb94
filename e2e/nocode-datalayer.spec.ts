// The no-code tracker's dataLayer rules, in each engine, against the built bundle: pushes made before tally loaded fire in
// order, later pushes as they happen, a GTM-style wrapper of push keeps working, `data` sources read the push (and
// GTM's `{ ecommerce: null }` clears), a named array, and trigger paths.
import { consoleTexts, expect, test, withRules } from './fixtures';

test('dataLayer rules: early pushes in order, live pushes, a GTM wrapper of push, data sources, a named array, paths', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Product Added': {
          on: 'dataLayer',
          event: 'add_to_cart',
          properties: { value: { data: 'ecommerce.value' }, currency: { data: 'ecommerce.currency' }, site: { data: 'site' } },
        },
        'Shop Viewed': { on: 'dataLayer', event: 'view_*', dataLayer: { name: 'shopLayer' } },
        'Never Here': { on: 'dataLayer', event: 'add_to_cart', dontFire: '/*' },
      }),
      // Before the snippet: what a shop platform pushes as the page renders, before tally has loaded.
      head: `<script>
        window.dataLayer = [{ site: 'demo' }, { event: 'gtm.js' }];
        dataLayer.push({ event: 'add_to_cart', ecommerce: { value: 10, currency: 'EUR' } });
        dataLayer.push({ ecommerce: null });
        dataLayer.push({ event: 'add_to_cart', ecommerce: { value: 20 } });
        window.shopLayer = [{ event: 'view_item' }];
        window.seenByGtm = [];
      </script>`,
    }),
  );
  await page.goto(url);
  await collector.waitForEvents(3, { filter: { type: 'track' } });
  // Tally has wrapped push by now; a GTM-style wrapper goes on top, as gtm.js does when it loads later.
  const returned = await page.evaluate(() => {
    const w = window as any;
    const inner = w.dataLayer.push;
    w.dataLayer.push = function (...items: unknown[]) {
      w.seenByGtm.push(...items);
      return inner.apply(this, items);
    };
    return [w.dataLayer.push({ event: 'add_to_cart', ecommerce: { value: 30, currency: 'USD' } }), w.dataLayer.push({ event: 'purchase' })];
  });
  expect(returned).toEqual([6, 7]);
  await collector.waitForEvents(4, { filter: { type: 'track' } });
  await page.evaluate(() => (window as any).analytics.flush());
  const tracks = await collector.events({ type: 'track' });
  const props = (name: string) => tracks.filter((event) => event.event === name).map((event) => event.properties);
  expect(props('Product Added')).toEqual([
    { value: 10, currency: 'EUR', site: 'demo' },
    { value: 20, site: 'demo' },
    { value: 30, currency: 'USD', site: 'demo' },
  ]);
  expect(props('Shop Viewed')).toEqual([{}]);
  expect(tracks).toHaveLength(4);
  expect(tracks[0].context.tally).toEqual({ rule: 'Product Added' });
  expect(await page.evaluate(() => (window as any).seenByGtm.length)).toBe(2);
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});

test('dataLayer: { ecommerce: true } sends GA4 ecommerce pushes as Segment v2 events; { ecommerce: null } leaks nothing; events gate them', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      // No rule with `on`: the option alone loads the tracker. A definition of a Segment name still gates it.
      options: withRules(collector.loadOptions, { 'Product Removed': { dontFire: '/*' } }, { dataLayer: { ecommerce: true } }),
      head: `<script>
        window.dataLayer = [];
        dataLayer.push({ ecommerce: null });
        dataLayer.push({ event: 'view_item', ecommerce: { currency: 'EUR', value: 9.99, items: [{ item_id: 'SKU_1', item_name: 'Tee', price: '9.99', index: 2 }] } });
        dataLayer.push({ event: 'remove_from_cart', ecommerce: { items: [{ item_id: 'SKU_1' }] } });
      </script>`,
    }),
  );
  await page.goto(url);
  await collector.waitForEvents(1, { filter: { type: 'track' } });
  await page.evaluate(() => {
    const layer = (window as any).dataLayer;
    layer.push({ ecommerce: null });
    layer.push({
      event: 'purchase',
      ecommerce: { transaction_id: 'T1', value: 19.98, tax: 2, currency: 'EUR', items: [{ item_id: 'SKU_2', quantity: 2 }] },
    });
  });
  await collector.waitForEvents(2, { filter: { type: 'track' } });
  await page.evaluate(() => (window as any).analytics.flush());
  const tracks = await collector.events({ type: 'track' });
  expect(tracks.map((event) => [event.event, event.properties])).toEqual([
    ['Product Viewed', { currency: 'EUR', value: 9.99, product_id: 'SKU_1', sku: 'SKU_1', name: 'Tee', price: 9.99, position: 2 }],
    [
      'Order Completed',
      { order_id: 'T1', revenue: 19.98, tax: 2, currency: 'EUR', products: [{ product_id: 'SKU_2', sku: 'SKU_2', quantity: 2 }] },
    ],
  ]);
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});
