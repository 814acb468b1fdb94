// The gate seam: gates run in order, the first stop ends an event's journey (named after its gate), a waiting gate holds
// it; a lazy gate passes events until filled, then waits for its piece, and stops or passes them when the piece is missing.
import { describe, expect, it } from 'vitest';
import { createLazyGate, runGates, type Gate } from '../../src/pipeline/gates';
import { trackEvent } from '../helpers/events';
import type { Call } from '../../src/event/types';

const call: Call = { type: 'track', options: {} };
const tag = (name: string): Gate => ({
  name,
  run: (event) => ({ event: { ...event, properties: { ...event.properties, [name]: true } } }),
});
const stop = (name: string): Gate => ({ name, run: () => ({ stopped: 'no' }) });

describe('runGates', () => {
  it('runs gates in order, each seeing the one before, synchronously', () => {
    const result = runGates([tag('a'), tag('b')], trackEvent(), call);
    expect(result).toEqual({ event: expect.objectContaining({ properties: { a: true, b: true } }) });
  });

  it('stops at the first gate that stops, naming it, and runs no later gate', () => {
    let later = false;
    const spy: Gate = {
      name: 'spy',
      run(event) {
        later = true;
        return { event };
      },
    };
    expect(runGates([tag('a'), stop('consent'), spy], trackEvent(), call)).toEqual({ stopped: 'consent: no' });
    expect(later).toBe(false);
  });

  it('holds the event while a gate waits, then goes on through the rest', async () => {
    const waiting: Gate = { name: 'w', run: (event) => ({ wait: Promise.resolve({ event: { ...event, event: 'Changed' } }) }) };
    const result = runGates([waiting, tag('after')], trackEvent(), call);
    expect('wait' in result).toBe(true);
    const settled = await (result as { wait: Promise<unknown> }).wait;
    expect(settled).toEqual({ event: expect.objectContaining({ event: 'Changed', properties: { after: true } }) });
  });
});

describe('createLazyGate', () => {
  it('passes events untouched until filled, then through the loaded gate', async () => {
    const gate = createLazyGate('plan', async () => stop('inner'));
    expect(gate.run(trackEvent(), call)).toEqual({ event: trackEvent() });
    const filled = gate.fill();
    const held = gate.run(trackEvent(), call);
    expect('wait' in held).toBe(true);
    await filled;
    expect(await (held as { wait: Promise<unknown> }).wait).toEqual({ stopped: 'no' });
    expect(gate.run(trackEvent(), call)).toEqual({ stopped: 'no' });
  });

  it('without its piece: stops events with its failure reason, counted, or passes them when it has none', async () => {
    const closed = createLazyGate('consent', () => Promise.reject(new Error('404')), 'consent piece unavailable');
    await closed.fill();
    expect(closed.run(trackEvent(), call)).toEqual({ stopped: 'consent piece unavailable' });
    expect(closed.stoppedCount()).toBe(1);
    const open = createLazyGate('plan', () => Promise.reject(new Error('404')));
    await open.fill();
    expect(open.run(trackEvent(), call)).toEqual({ event: trackEvent() });
    expect(open.stoppedCount()).toBe(0);
  });

  it('keeps the order of calls: an event after the piece arrived waits behind those still waiting', async () => {
    let arrive: (gate: Gate) => void = () => {};
    const gate = createLazyGate(
      'rules',
      () =>
        new Promise<Gate>((resolve) => {
          arrive = resolve;
        }),
    );
    void gate.fill();
    const order: string[] = [];
    const early = gate.run(trackEvent({ event: 'first' }), call) as { wait: Promise<{ event: { event: string } }> };
    void early.wait.then((settled) => order.push(settled.event.event));
    arrive(tag('inner'));
    await Promise.resolve(); // the piece is here, the first event not yet through
    const late = gate.run(trackEvent({ event: 'second' }), call);
    expect('wait' in late).toBe(true);
    void (late as { wait: Promise<{ event: { event: string } }> }).wait.then((settled) => order.push(settled.event.event));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['first', 'second']);
    expect('event' in gate.run(trackEvent(), call)).toBe(true); // nothing waits any more: synchronous again
  });

  it('loads its piece once, however often it is filled', async () => {
    let loads = 0;
    const gate = createLazyGate('middleware', async () => {
      loads += 1;
      return tag('m');
    });
    await Promise.all([gate.fill(), gate.fill()]);
    expect(loads).toBe(1);
  });
});
