// Sessions in an instance: every event stamped (context.sessionId, sessionStart on the first, Amplitude's session_id),
// adopted from analytics.js's keys, new on reset(), off with `session: false`, in memory under consent `required`,
// and readable by pieces through the context.
// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordedInstance } from '../helpers/instance';
import { createAnalytics } from '../../src/api/analytics';
import { createRecordingTransport } from '../helpers/transport';
import { loadBundledPiece } from '../../src/pieces/bundled';
import { createPieceContext, type Host } from '../../src/api/host';
import type { Session } from '../../src/session/session';

afterEach(() => localStorage.clear());

const sentAfter = async (analytics: { flush(): Promise<void> }, sent: any[]) => {
  await analytics.flush();
  return sent;
};

describe('sessions in the instance', () => {
  it('stamps every event; the first of the session carries sessionStart', async () => {
    const { analytics, sent } = createRecordedInstance({}, 'S1');
    await analytics.page();
    await analytics.track('A', {}, { integrations: { 'Actions Amplitude': { session_id: 5 } } });
    const [page, track] = await sentAfter(analytics, sent);
    expect(page.context.sessionId).toEqual(expect.any(Number));
    expect(page.context.sessionStart).toBe(true);
    expect(page.integrations['Actions Amplitude']).toEqual({ session_id: page.context.sessionId });
    expect(track.context.sessionId).toBe(page.context.sessionId);
    expect(track.context.sessionStart).toBeUndefined();
    expect(track.integrations['Actions Amplitude']).toEqual({ session_id: 5 });
    expect(localStorage.getItem('analytics_session_id')).toBe(String(page.context.sessionId));
  });

  it("continues analytics.js's session from its keys, and starts a new one on reset()", async () => {
    const id = Date.now() - 60_000;
    localStorage.setItem('analytics_session_id', String(id));
    localStorage.setItem('analytics_session_id.last_access', String(id + 1000));
    const { analytics, sent } = createRecordedInstance({}, 'S2');
    await analytics.track('A');
    analytics.reset();
    await analytics.track('B');
    const [a, b] = await sentAfter(analytics, sent);
    expect(a.context).toMatchObject({ sessionId: id });
    expect(a.context.sessionStart).toBeUndefined();
    expect(b.context.sessionId).toBeGreaterThan(id);
    expect(b.context.sessionStart).toBe(true);
  });

  it('stamps nothing with session: false', async () => {
    const { analytics, sent } = createRecordedInstance({ session: false }, 'S3');
    await analytics.track('A');
    const [event] = await sentAfter(analytics, sent);
    expect(event.context.sessionId).toBeUndefined();
    expect(event.integrations['Actions Amplitude']).toBeUndefined();
  });

  it('keeps the session in memory under consent required before a grant', async () => {
    const transport = createRecordingTransport(() => ({ status: 200 }), { keepalive: false });
    const analytics = createAnalytics('S4', { consent: { required: true } }, { transport, listen: false, pieces: loadBundledPiece });
    // The event is stamped (and the session touched) as the call is made, before the consent gate holds it.
    void analytics.track('A');
    expect(localStorage.getItem('analytics_session_id')).toBeNull();
  });

  it('gives pieces the current session id through their context', () => {
    const session = { id: (now: number) => now - (now % 1000) } as Session;
    const noKinds = () => Promise.reject(new Error('no kind pieces here'));
    expect(createPieceContext({ session } as Host, () => {}, noKinds).sessionId()).toEqual(expect.any(Number));
    expect(createPieceContext({} as Host, () => {}, noKinds).sessionId()).toBeUndefined();
  });
});
