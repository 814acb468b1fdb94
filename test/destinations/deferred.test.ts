// A destination whose code is a piece: events routed before the piece came are queued at once with their identity, and
// prepared by the piece (with that identity) when they are sent; a destination the piece turns off sends nothing.
import { describe, expect, it } from 'vitest';
import { deferredDestination, PENDING_IDENTITY } from '../../src/destinations/deferred';
import { customerioEntry } from '../../src/destinations/customerio/entry';
import { createProblems } from '../../src/config/readers';
import { loadBundledPiece } from '../../src/pieces/bundled';
import type { EventIdentity } from '../../src/event/build';
import type { Problems } from '../../src/config/readers';
import { trackEvent, testEvent } from '../helpers/events';

const identity = (traits = {}, userId: string | null = null): EventIdentity => ({
  anonymousId: 'a',
  userId,
  traits,
  groupId: null,
  groupTraits: {},
});

/** Customer.io through its registry entry, the piece loaded from the bundle; its problems are collected. */
function customerio(option: Record<string, unknown>) {
  const reported: Problems[] = [];
  const problems = createProblems();
  const settings = customerioEntry.read(problems, option, { writeKey: 'WK', integrations: {} })!;
  const destination = customerioEntry.create(settings, { loadPiece: loadBundledPiece as never, reportProblems: (p) => reported.push(p) });
  return { destination, reported };
}

describe('deferredDestination', () => {
  it('queues an event made before the piece came with its identity, and the piece prepares it with that identity', async () => {
    const { destination } = customerio({ siteId: 'S', apiKey: 'K' });
    const early = destination.prepare!(trackEvent({ messageId: 'early' }), identity({ email: 'ann@example.com' }));
    expect(early?.context[PENDING_IDENTITY]).toMatchObject({ traits: { email: 'ann@example.com' } });
    await destination.ready;
    // Later identity does not change who the early event was about.
    const late = destination.prepare!(trackEvent({ messageId: 'late' }), identity({ email: 'bob@example.com' }));
    expect(late?.context).toMatchObject({ cio: 'bob@example.com' });
    const { requests, skipped } = destination.toRequests([early!, late!], '2024-01-01T00:00:00.000Z');
    const bodies = requests.map((request) => request.body);
    expect(bodies.some((body) => body.includes('ann@example.com'))).toBe(true);
    expect(bodies.join()).not.toContain(PENDING_IDENTITY);
    expect(skipped).toEqual([]);
  });

  it('takes events the piece has no use for off the queue unsent (an early group)', async () => {
    const { destination } = customerio({ siteId: 'S', apiKey: 'K' });
    const group = destination.prepare!(testEvent('group', { messageId: 'g' }), identity());
    await destination.ready;
    expect(destination.toRequests([group!], '2024-01-01T00:00:00.000Z')).toMatchObject({ requests: [], skipped: ['g'] });
  });

  it('a secret key turns it off once the piece reads it: problems reported, every event skipped', async () => {
    const { destination, reported } = customerio({ siteId: 'S', apiKey: 'sk_live_1' });
    const early = destination.prepare!(trackEvent({ messageId: 'e' }), identity());
    await destination.ready;
    expect(destination.off).toBe(true);
    expect(reported.flatMap((p) => p.errors.map((error) => error.field))).toEqual(['customerio.apiKey']);
    expect(destination.prepare!(trackEvent(), identity())).toBeUndefined();
    expect(destination.toRequests([early!], '2024-01-01T00:00:00.000Z')).toMatchObject({ requests: [], skipped: ['e'] });
  });

  it('a piece that never comes leaves ready rejected (the dispatcher holds the events)', async () => {
    const destination = deferredDestination('X', Promise.reject(new Error('no piece')));
    await expect(destination.ready).rejects.toThrow('no piece');
  });
});
