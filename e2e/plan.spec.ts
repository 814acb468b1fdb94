// The tracking plan in the browser: the Protocols example's invalid event is blocked, the valid one arrives, a flagged one carries its violations.
import { expect, test } from './fixtures';

const plan = {
  events: {
    'Order Completed': {
      properties: {
        order_id: { type: 'string', required: true, pattern: '^ORD-[0-9]{5}$' },
        total: { type: 'number', required: true, minimum: 0 },
        currency: { type: 'string', required: true, enum: ['USD', 'EUR', 'GBP'] },
        products: {
          type: 'array',
          required: true,
          items: { type: 'object', properties: { product_id: { type: 'string', required: true } } },
        },
      },
    },
  },
};
const VALID = `{ order_id: 'ORD-12345', total: 30, currency: 'USD', products: [{ product_id: 'p1' }] }`;
const INVALID = `{ order_id: 'ORD-1', total: -5, currency: 'JPY', products: [{ sku: 'x' }] }`;

test('block: the invalid Protocols event is dropped, the valid one passes', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100, plan: { ...plan, onViolation: 'block' } },
      body: `<script>analytics.on('violation', (v) => (window.violations = (window.violations || []).concat(v.violations.map((x) => x.type))));
        analytics.track('Order Completed', ${INVALID}); analytics.track('Order Completed', ${VALID}); analytics.track('Sent Last');</script>`,
    }),
  );
  await page.goto(url);
  const events = await collector.waitForEvents(2);
  // 'Sent Last' is not in the plan: onUnplanned defaults to allow (it is sent, and the violation is still reported).
  expect(events.map((event) => `${event.event}:${event.properties.order_id ?? ''}`)).toEqual(['Order Completed:ORD-12345', 'Sent Last:']);
  expect(await page.evaluate(() => (window as any).violations)).toEqual(['Pattern', 'Minimum', 'Enum', 'Required', 'Unplanned']);
});

test('flag (default): the invalid event arrives with context.violations', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100, plan },
      body: `<script>analytics.track('Order Completed', ${INVALID});</script>`,
    }),
  );
  await page.goto(url);
  const [event] = await collector.waitForEvents(1);
  expect(event.context.violations.map((v: any) => v.field)).toEqual([
    'properties.order_id',
    'properties.total',
    'properties.currency',
    'properties.products[0].product_id',
  ]);
});
