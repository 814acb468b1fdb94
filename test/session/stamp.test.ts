// Stamping: context.sessionId (+ sessionStart on the first event), and Amplitude (Actions)'s session_id unless the call
// set it or turned Amplitude off.
import { describe, expect, it } from 'vitest';
import { stampSession } from '../../src/session/stamp';
import type { TallyEvent } from '../../src/event/types';

const ID = 1_765_140_000_000;
const event = (integrations: Record<string, unknown> = {}, context: Record<string, unknown> = {}): TallyEvent => ({
  type: 'track',
  messageId: 'm',
  timestamp: '',
  anonymousId: 'a',
  context: { library: { name: 'tally', version: '0' }, ...context },
  integrations,
});

describe('stampSession', () => {
  it('puts the id in context and in Actions Amplitude, and sessionStart on the first event only', () => {
    const first = event();
    stampSession(first, { id: ID, start: true });
    expect(first.context).toMatchObject({ sessionId: ID, sessionStart: true });
    expect(first.integrations['Actions Amplitude']).toEqual({ session_id: ID });
    const next = event();
    stampSession(next, { id: ID, start: false });
    expect(next.context.sessionStart).toBeUndefined();
  });

  it("keeps the call's own session_id and settings, and its own context.sessionId", () => {
    const own = event({ 'Actions Amplitude': { session_id: 7, other: 1 } }, { sessionId: 8 });
    stampSession(own, { id: ID, start: true });
    expect(own.integrations['Actions Amplitude']).toEqual({ session_id: 7, other: 1 });
    expect(own.context.sessionId).toBe(8);
    expect(own.context.sessionStart).toBeUndefined();
    const settings = event({ 'Actions Amplitude': { other: 1 } });
    stampSession(settings, { id: ID, start: false });
    expect(settings.integrations['Actions Amplitude']).toEqual({ other: 1, session_id: ID });
  });

  it('does not turn Amplitude back on: not when it is off, nor under All: false', () => {
    const off = event({ 'Actions Amplitude': false });
    stampSession(off, { id: ID, start: false });
    expect(off.integrations['Actions Amplitude']).toBe(false);
    const none = event({ All: false });
    stampSession(none, { id: ID, start: false });
    expect(none.integrations['Actions Amplitude']).toBeUndefined();
    expect(none.context.sessionId).toBe(ID);
    const only = event({ All: false, 'Actions Amplitude': true });
    stampSession(only, { id: ID, start: false });
    expect(only.integrations['Actions Amplitude']).toEqual({ session_id: ID });
  });
});
