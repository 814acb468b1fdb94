import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIDDLEWARE_TIMEOUT_MS, runDestinationMiddleware, runSourceMiddleware } from '../../src/middleware/chain';
import { redactEvent, sha256 } from '../../src/middleware/redact';
import type { SourceMiddleware } from '../../src/middleware/types';
import type { TallyEvent } from '../../src/event/types';
import { trackEvent } from '../helpers/events';

const event = (properties: Record<string, unknown> = {}): TallyEvent => trackEvent({ properties });

afterEach(() => vi.useRealTimers());

describe('source middleware', () => {
  it('runs in registration order, each seeing the previous change, and may call next asynchronously', async () => {
    const order: string[] = [];
    const a: SourceMiddleware = ({ payload, next }) => {
      order.push('a');
      payload.obj.properties!.a = 1;
      next(payload);
    };
    const b: SourceMiddleware = ({ payload, next }) => {
      order.push(`b saw a=${payload.properties().a}`);
      setTimeout(() => {
        payload.obj.properties!.b = 2;
        next(payload);
      }, 1);
    };
    const original = event();
    const result = await runSourceMiddleware([a, b], original, null);
    expect(order).toEqual(['a', 'b saw a=1']);
    expect(result).toMatchObject({ event: { properties: { a: 1, b: 2 } } });
    expect(original.properties).toEqual({});
  });

  it('drops the event when next is never called (promise settled, or timeout)', async () => {
    expect(await runSourceMiddleware([async () => undefined], event(), null)).toEqual({ stopped: 'source middleware did not call next' });
    vi.useFakeTimers();
    const pending = runSourceMiddleware([() => undefined], event(), null);
    vi.advanceTimersByTime(MIDDLEWARE_TIMEOUT_MS);
    expect(await pending).toMatchObject({ stopped: expect.stringContaining('did not call next') });
  });

  it('logs and skips a throwing middleware (sync or async) and keeps going', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const tag: SourceMiddleware = ({ payload, next }) => {
      payload.obj.properties!.tagged = true;
      return next(payload);
    };
    const result = await runSourceMiddleware(
      [
        () => {
          throw new Error('boom');
        },
        async () => {
          throw new Error('later');
        },
        tag,
      ],
      event(),
      null,
    );
    expect(result).toMatchObject({ event: { properties: { tagged: true } } });
    // Each message names the event the middleware threw on.
    expect(error.mock.calls.map((args) => String(args[1]))).toEqual([
      expect.stringMatching(/^source middleware threw on track "[^"]+" and was skipped: boom$/),
      expect.stringMatching(/^source middleware threw on track "[^"]+" and was skipped: later$/),
    ]);
    error.mockRestore();
  });

  it('names the event a throwing plugin was given', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const plugin = {
      name: 'broken',
      type: 'enrichment' as const,
      track: () => {
        throw new Error('no');
      },
    };
    await runSourceMiddleware([plugin], trackEvent({ event: 'Order Completed' }), null);
    expect(String(error.mock.calls[0][1])).toBe('plugin "broken" threw on track "Order Completed" and was skipped: no');
  });

  it('runs plugin hooks (load once, then the hook for the event type) and ignores other types', async () => {
    const load = vi.fn();
    const plugin = { name: 'enrich', type: 'enrichment' as const, load, track: (ctx: any) => ctx.updateEvent('properties.enriched', true) };
    const first = await runSourceMiddleware([plugin], event(), null);
    await runSourceMiddleware([plugin], event(), null);
    expect(first).toMatchObject({ event: { properties: { enriched: true } } });
    expect(load).toHaveBeenCalledTimes(1);
    const page = { ...event(), type: 'page' } as TallyEvent;
    expect(await runSourceMiddleware([plugin], page, null)).toEqual({ event: page });
  });
});

describe('destination middleware', () => {
  it('changes the event for one destination, and drops it on next(null) or no next', async () => {
    const changed = await runDestinationMiddleware(
      [
        ({ payload, integration, next }) => {
          payload.obj.properties!.to = integration;
          return next(payload);
        },
      ],
      'Segment.io',
      event(),
    );
    expect(changed?.properties).toEqual({ to: 'Segment.io' });
    expect(await runDestinationMiddleware([({ next }) => next(null)], 'Segment.io', event())).toBeNull();
    expect(await runDestinationMiddleware([async () => undefined], 'Segment.io', event())).toBeNull();
  });
});

describe('redaction', () => {
  it('hashes or removes chosen property and trait keys', async () => {
    const hash = await sha256('a@b.c');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const identify = { ...event(), type: 'identify', traits: { email: 'a@b.c', plan: 'pro' } } as TallyEvent;
    expect((await redactEvent(identify, { properties: [], traits: ['email'], method: 'hash' })).traits).toEqual({
      email: hash,
      plan: 'pro',
    });
    expect((await redactEvent(event({ email: 'x', n: 1 }), { properties: ['email'], traits: [], method: 'remove' })).properties).toEqual({
      n: 1,
    });
    const result = await runSourceMiddleware([], event({ email: 'a@b.c' }), { properties: ['email'], traits: [], method: 'hash' });
    expect(result).toMatchObject({ event: { properties: { email: hash } } });
  });
});
