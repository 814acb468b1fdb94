import { describe, expect, it } from 'vitest';
import { compilePlan, validateEvent, type PlanOptions } from '../../src/plan/plan';
import { createProblems } from '../../src/config/readers';
import { createPlanGate } from '../../src/plan/gate';
import type { TallyEvent } from '../../src/event/types';
import { trackEvent } from '../helpers/events';

// The Protocols example from the issue.
const plan: PlanOptions = {
  events: {
    'Order Completed': {
      properties: {
        order_id: { type: 'string', required: true, pattern: '^ORD-[0-9]{5}$' },
        total: { type: 'number', required: true, minimum: 0, maximum: 100000 },
        currency: { type: 'string', required: true, enum: ['USD', 'EUR', 'GBP'] },
        coupon: { type: ['string', 'null'] },
        quantity: { type: 'integer' },
        gift: { type: 'boolean' },
        products: {
          type: 'array',
          required: true,
          items: { type: 'object', properties: { product_id: { type: 'string', required: true } } },
        },
        shipping: {
          type: 'object',
          properties: { address: { type: 'object', properties: { country: { type: 'string', required: true } } } },
        },
      },
    },
  },
  traits: { properties: { email: { type: 'string', pattern: '@' } } },
};
const valid = { order_id: 'ORD-12345', total: 10.5, currency: 'USD', products: [{ product_id: 'p1' }] };
const track = (properties: Record<string, unknown>, event = 'Order Completed') => ({ type: 'track' as const, event, properties });
const types = (properties: Record<string, unknown>) => validateEvent(plan, track(properties)).map((v) => `${v.type} ${v.field}`);

describe('plan validation', () => {
  it.each([
    ['a valid event', {}, []],
    ['a missing required key', { currency: undefined }, ['Required properties.currency']],
    ['a wrong type', { total: '10' }, ['Type properties.total']],
    ['a float where integer is asked', { quantity: 1.5 }, ['Type properties.quantity']],
    ['an integer where number is asked', { total: 10 }, []],
    ['a type list (null allowed)', { coupon: null }, []],
    ['a type list (number not allowed)', { coupon: 3 }, ['Type properties.coupon']],
    ['a boolean', { gift: 'yes' }, ['Type properties.gift']],
    ['a pattern mismatch', { order_id: 'ORD-1' }, ['Pattern properties.order_id']],
    ['an enum miss', { currency: 'JPY' }, ['Enum properties.currency']],
    ['below minimum', { total: -1 }, ['Minimum properties.total']],
    ['above maximum', { total: 100001 }, ['Maximum properties.total']],
    [
      'an array item missing a required key',
      { products: [{ product_id: 'p1' }, { name: 'x' }] },
      ['Required properties.products[1].product_id'],
    ],
    ['an array item of the wrong type', { products: ['p1'] }, ['Type properties.products[0]']],
    ['nested objects', { shipping: { address: {} } }, ['Required properties.shipping.address.country']],
    ['several at once', { total: -1, currency: 'JPY' }, ['Minimum properties.total', 'Enum properties.currency']],
  ])('%s', (_name, change, expected) => {
    expect(types({ ...valid, ...change })).toEqual(expected);
  });

  it('reports unplanned events, and ignores types the plan does not cover', () => {
    expect(validateEvent(plan, track({}, 'Nope'))).toEqual([
      { type: 'Unplanned', field: 'event', description: '"Nope" is not in the tracking plan' },
    ]);
    expect(validateEvent(plan, { type: 'page', properties: { total: 'x' } })).toEqual([]);
  });

  it('checks identify traits', () => {
    expect(validateEvent(plan, { type: 'identify', traits: { email: 'nope' } }).map((v) => v.field)).toEqual(['traits.email']);
    expect(validateEvent(plan, { type: 'identify', traits: { email: 'a@b.c' } })).toEqual([]);
  });

  it('names each bad entry and skips only it', () => {
    const problems = createProblems();
    const compiled = compilePlan(
      {
        events: {
          A: {
            properties: {
              n: { type: 'float' },
              p: { pattern: '(' },
              q: { minimum: 'x' },
              ok: { type: 'string', required: true },
              typo: { requierd: true },
            },
          },
          B: 'x',
        },
        onViolation: 'drop',
      },
      problems,
    );
    expect(problems.errors.map((error) => error.field)).toEqual([
      'plan.events["A"].properties.n.type',
      'plan.events["A"].properties.p.pattern',
      'plan.events["A"].properties.q.minimum',
      'plan.events["A"].properties.typo.requierd',
      'plan.events["B"]',
      'plan.onViolation',
    ]);
    expect(compiled.onViolation).toBe('flag');
    expect(compiled.check(track({ n: 'anything' }, 'A')).map((v) => v.field)).toEqual(['properties.ok']);
    expect(compiled.check(track({}, 'B'))).toEqual([]);
  });
});

describe('plan patterns that could freeze the page', () => {
  it('refuses a pattern with a quantifier inside a repeated group (ReDoS), naming it; the property is not checked', () => {
    const problems = createProblems();
    const compiled = compilePlan({ events: { A: { properties: { code: { type: 'string', pattern: '^(a+)+$' } } } } }, problems);
    expect(problems.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^plan\.events\["A"\]\.properties\.code\.pattern: expected a pattern that cannot freeze the page .*\(a\+\)\+/),
    ]);
    // Unchecked: a short value that the pattern would refuse gives no Pattern violation.
    expect(compiled.check(track({ code: 'aaaa!' }, 'A'))).toEqual([]);
  });
});

describe('plan gate', () => {
  const event = (properties: Record<string, unknown>, name = 'Order Completed') => trackEvent({ event: name, properties });
  const run = (options: Partial<PlanOptions>, e: TallyEvent) => {
    const seen: string[] = [];
    const gate = createPlanGate(
      { ...plan, ...options },
      { onViolation: (_e, violations, action) => seen.push(`${action}:${violations.length}`), debug: () => false },
    );
    return { result: gate.run(e, { type: 'track', options: {} }), seen };
  };

  it.each([
    ['allow', 'event', false],
    ['flag', 'event', true],
    ['block', 'stopped', false],
  ] as const)('onViolation %s', (action, key, flagged) => {
    const { result, seen } = run({ onViolation: action }, event({ ...valid, total: -1 }));
    expect(key in result).toBe(true);
    expect(seen).toEqual([`${action}:1`]);
    if ('event' in result) expect(!!result.event.context.violations).toBe(flagged);
    if (flagged && 'event' in result)
      expect(result.event.context.violations).toEqual([
        { type: 'Minimum', field: 'properties.total', description: 'properties.total must be at least 0' },
      ]);
  });

  it('applies onUnplanned (default allow) to events missing from the plan, and passes valid events untouched', () => {
    expect('event' in run({}, event({}, 'Other')).result).toBe(true);
    expect('stopped' in run({ onUnplanned: 'block' }, event({}, 'Other')).result).toBe(true);
    const ok = event(valid);
    expect(run({ onViolation: 'block' }, ok)).toEqual({ result: { event: ok }, seen: [] });
  });
});
