// @vitest-environment happy-dom
// The debug overlay's rows: events built before it loaded, the deliveries answered meanwhile, and live updates.
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../src/api/emitter';
import { deliveryState, showOverlay } from '../../src/debug/overlay';
import type { Context } from '../../src/pipeline/pipeline';
import { trackEvent } from '../helpers/events';

const context = (messageId: string, event: string, extra: Partial<Context> = {}): Context => ({
  event: trackEvent({ event, messageId, context: { library: { name: 'tally', version: 't' }, tally: { rule: event } } }),
  destinations: ['Segment.io', 'Customer.io'],
  ...extra,
});

function rows(host: HTMLElement) {
  return Array.from(host.shadowRoot!.querySelectorAll('li'), (li) => Array.from(li.children, (child) => child.textContent));
}

describe('showOverlay', () => {
  it('says the SDK gave up on an event (never queued or retried) once a delivery_failure names it', () => {
    const emitter = createEmitter();
    const analytics = { on: (name: string, handler: (...args: unknown[]) => void) => emitter.on(name, handler) };
    const host = showOverlay(analytics as never, [context('m1', 'Lost')], []);
    emitter.emit('tally:delivery', { destination: 'Customer.io', messageIds: ['m1'], status: 0 });
    expect(rows(host)[0]).toContain('→ Customer.io: retried (network error)');
    emitter.emit('error', {
      code: 'delivery_failure',
      destination: 'Customer.io',
      event: { messageId: 'm1' },
      reason: { reason: 'gave up after 10 attempts (last answer: network error)' },
    });
    expect(rows(host)[0]).toEqual([
      'track "Lost"',
      'rule: Lost',
      '→ Segment.io: queued',
      '→ Customer.io: gave up (gave up after 10 attempts (last answer: network error))',
    ]);
  });

  it('shows earlier events with the deliveries answered before it loaded, then live ones', () => {
    const emitter = createEmitter();
    const analytics = { on: (name: string, handler: (...args: unknown[]) => void) => emitter.on(name, handler) };
    const host = showOverlay(
      analytics as never,
      [context('m1', 'Early')],
      [{ destination: 'Segment.io', messageIds: ['m1'], status: 200 }],
    );
    expect(rows(host)).toEqual([['track "Early"', 'rule: Early', '→ Segment.io: sent (200)', '→ Customer.io: queued']]);
    emitter.emit('tally:delivery', { destination: 'Customer.io', messageIds: ['m1'], status: 503 });
    emitter.emit('tally:event', context('m2', 'Late', { destinations: [], stopped: 'plan: unplanned' }));
    expect(rows(host)).toEqual([
      ['track "Late"', 'rule: Late', 'stopped by plan: unplanned'],
      ['track "Early"', 'rule: Early', '→ Segment.io: sent (200)', '→ Customer.io: retried (503)'],
    ]);
    expect(host.shadowRoot!.querySelector('style')).not.toBeNull();
    host.remove();
  });

  it('names delivery states from the status', () => {
    expect([200, 204, 0, 429, 503, 400, 413].map(deliveryState)).toEqual([
      'sent',
      'sent',
      'retried',
      'retried',
      'retried',
      'dropped',
      'dropped',
    ]);
  });
});
