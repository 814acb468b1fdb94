// Event factories for unit tests: a valid Segment-spec event with test defaults, changed by what a test cares about.
import type { TallyEvent } from '../../src/event/types';

/** An event of `type` with test defaults and no name; `overrides` replace its fields. */
export function testEvent(type: TallyEvent['type'], overrides: Partial<TallyEvent> = {}): TallyEvent {
  return {
    type,
    messageId: 'm',
    timestamp: '2024-01-01T00:00:00.000Z',
    anonymousId: 'a',
    context: { library: { name: 'tally', version: 'test' } },
    integrations: {},
    ...overrides,
  };
}

/** A track event named `E`; `overrides` replace its fields. */
export function trackEvent(overrides: Partial<TallyEvent> = {}): TallyEvent {
  return testEvent('track', { event: 'E', ...overrides });
}
