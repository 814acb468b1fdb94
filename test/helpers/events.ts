// Event factories for unit tests: a valid Segment-spec event with test defaults, changed by what a test cares about.
import type { TallyEvent } from '../../src/event/types';

/** A track event; `overrides` replace its fields. */
export function trackEvent(overrides: Partial<TallyEvent> = {}): TallyEvent {
  return {
    type: 'track',
    event: 'E',
    messageId: 'm',
    timestamp: '2024-01-01T00:00:00.000Z',
    anonymousId: 'a',
    context: { library: { name: 'tally', version: 'test' } },
    integrations: {},
    ...overrides,
  };
}
