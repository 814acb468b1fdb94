// @vitest-environment happy-dom
// The pieces' deferred track (PieceContext.trackLater): the event passes the gates and routes, and each route hands it
// to transport.sendLater instead of queuing it; the call is not announced; nothing without fetchLater.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../src/api/analytics';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { createRecordingTransport } from '../helpers/transport';
import type { LoadPiece, PieceContext } from '../../src/pieces/contract';

const scope = globalThis as { fetchLater?: unknown };
afterEach(() => delete scope.fetchLater);

/** An instance with `pageLeave` whose (fake) piece hands over its context; its transport records sendLater. */
async function instance(writeKey: string, options: Record<string, unknown> = {}) {
  let context: PieceContext | undefined;
  const capture = (given: PieceContext) => {
    context = given;
  };
  const pieces = (async () => ({ startPageLeave: capture })) as unknown as LoadPiece;
  const transport = createRecordingTransport();
  const later = vi.fn(() => ({ abort: vi.fn(), activated: false }));
  const memory = createMemoryStore();
  const analytics = createAnalytics(
    writeKey,
    { pageLeave: true, flushAt: 1, segment: { apiHost: 'http://collector.test/v1' }, buffer: { storage: 'memory' }, ...options },
    { transport: { ...transport, sendLater: later }, identity: createIdentity([memory], [memory]), pieces },
  );
  await vi.waitFor(() => expect(context).toBeDefined());
  return { analytics, context: context!, transport, later };
}

describe('trackLater', () => {
  it('routes the event to sendLater, one per destination, not queued and not announced', async () => {
    scope.fetchLater = () => ({ activated: false });
    const { analytics, context, transport, later } = await instance('LATER1');
    const announced = vi.fn();
    analytics.on('track', announced);
    const deferred = await context.trackLater('Page Left', { engagedMs: 5 }, 'view-1');
    expect(deferred).toHaveLength(1);
    const [request] = later.mock.calls[0] as unknown as [{ body: string; messageIds: string[] }];
    expect(request.messageIds).toEqual(['view-1']);
    expect(JSON.parse(request.body).batch[0]).toMatchObject({ event: 'Page Left', properties: { engagedMs: 5 } });
    await analytics.flush();
    expect(transport.requests).toEqual([]);
    expect(announced).not.toHaveBeenCalled();
  });

  it('a destination turned off for the event gets no deferred copy', async () => {
    scope.fetchLater = () => ({ activated: false });
    const { context, later } = await instance('LATER2', { integrations: { 'Segment.io': false } });
    expect(await context.trackLater('Page Left', {}, 'view-2')).toEqual([]);
    expect(later).not.toHaveBeenCalled();
  });

  it('without fetchLater: nothing, and the gates do not run', async () => {
    const { context, later } = await instance('LATER3');
    expect(await context.trackLater('Page Left', {}, 'view-3')).toEqual([]);
    expect(later).not.toHaveBeenCalled();
  });
});
