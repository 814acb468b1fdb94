import { describe, expect, it } from 'vitest';
import { createStore } from '../../collector/store.mjs';

const request = (writeKey: string, messageIds: string[], extra = {}) => ({
  destination: 'segment',
  method: 'POST',
  path: '/v1/batch',
  headers: {},
  status: 200,
  writeKey,
  body: {},
  events: messageIds.map((messageId) => ({ type: 'track', event: 'E', messageId, problems: [] })),
  ...extra,
});

describe('createStore', () => {
  it('numbers requests and stamps receivedAt on their events', () => {
    const store = createStore();
    const first = store.record(request('k', ['a'], { at: Date.UTC(2026, 0, 1) }));
    const second = store.record(request('k', ['b']));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first.events[0].receivedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('marks a messageId seen before for the same writeKey as a duplicate, not for another key', () => {
    const store = createStore();
    store.record(request('k', ['a', 'a']));
    store.record(request('k', ['a']));
    store.record(request('other', ['a']));
    expect(store.events({ writeKey: 'k' }).map((e: { duplicate?: boolean }) => e.duplicate ?? false)).toEqual([false, true, true]);
    expect(store.events({ writeKey: 'other' })[0].duplicate).toBeUndefined();
  });

  it('filters requests and flattened events', () => {
    const store = createStore();
    store.record(request('k', ['a']));
    store.record(request('k', [], { method: 'OPTIONS' }));
    store.record(request('j', ['b'], { destination: 'customerio' }));
    expect(store.requests({ writeKey: 'k' })).toHaveLength(2);
    expect(store.requests({ method: 'OPTIONS' })).toHaveLength(1);
    expect(store.events({ destination: 'customerio' }).map((e: { messageId: string }) => e.messageId)).toEqual(['b']);
    expect(store.events({ event: 'nope' })).toEqual([]);
    expect(store.events()[0]).toMatchObject({ requestSeq: 1, writeKey: 'k' });
  });

  it('resets one writeKey or everything, and tells subscribers', () => {
    const store = createStore();
    const seen: string[] = [];
    const unsubscribe = store.subscribe((message: { type: string }) => seen.push(message.type));
    store.record(request('k', ['a']));
    store.record(request('j', ['b']));
    store.reset('k');
    expect(store.requests().map((r: { writeKey: string }) => r.writeKey)).toEqual(['j']);
    store.record(request('k', ['a']));
    expect(store.events({ writeKey: 'k' })[0].duplicate).toBeUndefined();
    store.reset();
    expect(store.requests()).toEqual([]);
    unsubscribe();
    store.record(request('k', ['c']));
    expect(seen).toEqual(['request', 'request', 'reset', 'request', 'reset']);
  });
});
