// Measure 7: what checking an event against a tracking plan costs (issue 7: "microseconds, measured in the benchmark").
// Runs the plan checker of the built ESM bundle in Node (the V8 Chromium uses), on the Protocols example of docs/plan.md.
import { pathToFileURL } from 'node:url';

/** The tracking plan of docs/plan.md (Segment Protocols' example event). */
export const PLAN = {
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

const event = (properties) => ({ type: 'track', event: 'Order Completed', properties });
const VALID = event({
  order_id: 'ORD-12345',
  total: 42.5,
  currency: 'EUR',
  products: [{ product_id: 'a' }, { product_id: 'b' }, { product_id: 'c' }],
});
const INVALID = event({ order_id: '12345', total: -1, currency: 'JPY', products: [{ sku: 'a' }] });

/** Median µs per check of a valid and an invalid event (compiled once), and the ms to compile the plan. */
export async function measurePlan(bundlePath, { rounds = 5, checks = 20_000 } = {}) {
  const { compilePlan } = await import(pathToFileURL(bundlePath).href);
  const compileStart = performance.now();
  const plan = compilePlan(PLAN);
  const compileMs = performance.now() - compileStart;
  const perCheck = (sample) => {
    const times = [];
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      for (let i = 0; i < checks; i++) plan.check(sample);
      times.push(((performance.now() - start) * 1000) / checks);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  };
  return { validUs: perCheck(VALID), invalidUs: perCheck(INVALID), violations: plan.check(INVALID).length, compileMs };
}
