import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../collector/validate.mjs';

const track = { type: 'track', event: 'Clicked', messageId: 'ajs-next-1', anonymousId: 'anon' };

describe('validateEvent', () => {
  it('accepts a complete track event', () => {
    expect(validateEvent(track)).toEqual([]);
  });

  it('flags a missing messageId and a missing identity', () => {
    expect(validateEvent({ type: 'track', event: 'x' })).toEqual(['missing_message_id', 'no_user_anon_id']);
  });

  it('flags type-specific required fields', () => {
    expect(validateEvent({ ...track, event: '' })).toEqual(['missing_event']);
    expect(validateEvent({ type: 'group', messageId: 'm', userId: 'u' })).toEqual(['missing_group_id']);
    expect(validateEvent({ type: 'alias', messageId: 'm', anonymousId: 'a' })).toEqual(['missing_previous_id', 'missing_user_id']);
    expect(validateEvent({ type: 'alias', messageId: 'm', previousId: 'a', userId: 'u' })).toEqual([]);
  });

  it('flags unknown types, bad dates and non-objects', () => {
    expect(validateEvent({ ...track, type: 'pageview' })).toEqual(['unknown_type']);
    expect(validateEvent({ ...track, timestamp: 'yesterday' })).toEqual(['invalid_timestamp']);
    expect(validateEvent([track])).toEqual(['not_an_object']);
    expect(validateEvent({ ...track, messageId: 'm'.repeat(101) })).toEqual(['message_id_too_long']);
  });

  it('infers the type from a single-call path and catches a disagreeing body', () => {
    const { type: _type, ...untyped } = track;
    expect(validateEvent(untyped, 'track')).toEqual([]);
    expect(validateEvent(track, 'page')).toEqual(['type_mismatch']);
  });
});
