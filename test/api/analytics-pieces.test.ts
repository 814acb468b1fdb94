// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createRecordedInstance } from '../helpers/instance';

function setup(options: Record<string, unknown> = {}) {
  localStorage.clear(); // a choice stored by an earlier test would bring in the consent piece
  return createRecordedInstance(options);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the instance with plan, consent and middleware', () => {
  it('blocks the invalid Protocols event and sends the valid one', async () => {
    const { analytics, sent } = setup({
      plan: {
        events: { 'Order Completed': { properties: { currency: { type: 'string', required: true, enum: ['USD'] } } } },
        onViolation: 'block',
      },
    });
    const violations: unknown[] = [];
    analytics.on('violation', (v) => violations.push(v));
    const blocked = await analytics.track('Order Completed', { currency: 'JPY' });
    const passed = await analytics.track('Order Completed', { currency: 'USD' });
    await settle();
    expect(blocked?.stopped).toMatch(/^plan: /);
    expect(passed?.destinations).toEqual(['Segment.io']);
    expect(sent.map((e) => e.properties.currency)).toEqual(['USD']);
    expect(violations).toHaveLength(1);
  });

  it('holds events until consent, then delivers them in order', async () => {
    const { analytics, sent } = setup({ consent: { required: true } });
    const first = analytics.track('A');
    analytics.track('B');
    await settle();
    expect(sent).toEqual([]);
    analytics.consent(true);
    expect((await first)?.destinations).toEqual(['Segment.io']);
    await settle();
    expect(sent.map((e) => e.event)).toEqual(['A', 'B']);
  });

  it('runs source middleware, destination middleware and plugins in order; a throwing one is skipped', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { analytics, sent } = setup();
    const order: string[] = [];
    await analytics.addSourceMiddleware(({ payload, next }) => {
      order.push('source');
      payload.obj.properties!.s = 1;
      return next(payload);
    });
    await analytics.addSourceMiddleware(() => {
      throw new Error('bad middleware');
    });
    await analytics.register({
      name: 'p',
      track: (ctx) => {
        order.push('plugin');
        return ctx.updateEvent('properties.p', 1);
      },
    });
    await analytics.addDestinationMiddleware('Segment.io', ({ payload, next }) => {
      order.push('destination');
      payload.obj.properties!.d = 1;
      return next(payload);
    });
    const context = await analytics.track('E');
    await settle();
    expect(context?.destinations).toEqual(['Segment.io']);
    expect(order).toEqual(['source', 'plugin', 'destination']);
    expect(sent[0].properties).toEqual({ s: 1, p: 1, d: 1 });
    error.mockRestore();
  });

  it('tracks synchronously (no waiting) when nothing is registered', () => {
    const { analytics } = setup();
    let settled = false;
    void analytics.track('E').then(() => {
      settled = true;
    });
    return Promise.resolve().then(() => expect(settled).toBe(true));
  });
});

describe('debug output', () => {
  it('analytics.debug() logs each event and each answer once, including those made while the debug piece loaded', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const { analytics } = setup();
    analytics.debug();
    analytics.debug(true);
    await analytics.track('Early');
    await settle();
    await analytics.track('Late');
    await settle();
    const lines = debug.mock.calls.map((call) => call[1]);
    debug.mockRestore();
    // Each event's line names it (and its page path, when it has one).
    expect(lines.filter((line) => /^track "(Early|Late)"( on \S+)? to Segment\.io$/.test(line))).toHaveLength(2);
    expect(lines.filter((line) => line === 'Segment.io answered 200 for 1 events')).toHaveLength(2);
  });

  it('debug(false) stops the output; debug() reports the buffer storage fallback', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const { analytics } = setup();
    await analytics.track('Quiet');
    await settle();
    analytics.debug();
    await settle();
    analytics.debug(false);
    await analytics.track('Quiet again');
    await settle();
    const lines = debug.mock.calls.map((call) => call[1]);
    debug.mockRestore();
    // happy-dom has no IndexedDB: the buffer's fallback is the one line debug() gave, once.
    expect(lines).toEqual(['event buffer storage failed; now using localstorage']);
  });
});

describe('the core wires one piece into the next', () => {
  it("a rules document's plan goes from the rules piece to the plan gate, which blocks by it", async () => {
    localStorage.clear();
    const plan = { events: { 'Order Completed': { properties: { currency: { type: 'string', enum: ['USD'] } } } }, onViolation: 'block' };
    const body = JSON.stringify({ version: '1', events: {}, plan });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    try {
      const { analytics, sent } = setup({ rulesUrl: '/rules/plan.json' });
      const blocked = await analytics.track('Order Completed', { currency: 'JPY' });
      const passed = await analytics.track('Order Completed', { currency: 'USD' });
      await settle();
      expect(blocked?.stopped).toMatch(/^plan: /);
      expect(sent.map((event) => event.properties.currency)).toEqual(['USD']);
      expect(passed?.stopped).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
