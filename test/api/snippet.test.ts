// @vitest-environment happy-dom
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { SNIPPET_METHODS, createStub, drainStub, type SnippetStub } from '../../src/api/snippet';
import { createAnalytics, type Analytics } from '../../src/api/analytics';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { createRecordingTransport } from '../helpers/transport';

const require = createRequire(import.meta.url);

/** An Analytics stand-in that records what drainStub pushes. */
const recorder = () => {
  const pushed: unknown[] = [];
  return { pushed, analytics: { push: (entry: unknown) => void pushed.push(entry) } as unknown as Analytics };
};

describe('drainStub', () => {
  it('replays setAnonymousId / on / once / off / debug first, then the rest in call order', () => {
    const handler = () => {};
    const stub: unknown[] = [
      ['track', 'A'],
      ['on', 'track', handler],
      ['page'],
      ['setAnonymousId', 'anon-x'],
      ['identify', 'u1'],
      ['debug', true],
      ['once', 'page', handler],
      ['track', 'B'],
      ['off', 'page'],
    ];
    const { pushed, analytics } = recorder();
    drainStub(stub, analytics);
    expect(pushed.map((entry) => (entry as unknown[])[0])).toEqual([
      'on',
      'setAnonymousId',
      'debug',
      'once',
      'off',
      'track',
      'page',
      'identify',
      'track',
    ]);
    expect(pushed[5]).toEqual(['track', 'A']);
    expect(pushed[8]).toEqual(['track', 'B']);
    expect(pushed[0]).toEqual(['on', 'track', handler]);
  });

  it('empties the stub with splice, so nothing is replayed twice, and keeps its own properties', () => {
    const stub: SnippetStub = [['track', 'A']];
    stub._writeKey = 'WK';
    const { pushed, analytics } = recorder();
    drainStub(stub, analytics);
    drainStub(stub, analytics);
    expect(stub).toHaveLength(0);
    expect(stub._writeKey).toBe('WK');
    expect(pushed).toHaveLength(1);
  });

  it('skips entries that are not [method, ...args]', () => {
    const { pushed, analytics } = recorder();
    drainStub(['track', { 0: 'track' }, [], [42, 'x'], null, ['page', 'Home']], analytics);
    expect(pushed).toEqual([['page', 'Home']]);
  });

  it('on a live instance, a handler buffered after a track still sees that track', async () => {
    const transport = createRecordingTransport();
    const identity = createIdentity([createMemoryStore()], [createMemoryStore()]);
    const analytics = createAnalytics('WK', {}, { transport, identity, listen: false });
    const seen: unknown[] = [];
    drainStub(
      [
        ['track', 'Early', { a: 1 }],
        ['on', 'track', (name: unknown) => seen.push(name)],
        ['setAnonymousId', 'anon-from-stub'],
      ],
      analytics,
    );
    expect(seen).toEqual(['Early']);
    expect(analytics.user().anonymousId()).toBe('anon-from-stub');
  });
});

describe('createStub', () => {
  it('has the methods of the official snippet 5.2.1', () => {
    const rendered: string = require('@segment/snippet').max({ apiKey: 'k' });
    const official = JSON.parse(`[${rendered.match(/methods\s*=\s*\[([^\]]*)\]/)![1]}]`);
    expect(SNIPPET_METHODS).toEqual(official);
    const stub = createStub(() => {});
    for (const method of official) expect(typeof (stub as unknown as Record<string, unknown>)[method]).toBe('function');
  });

  it('buffers calls as [method, ...args] and returns itself for chaining', () => {
    const stub = createStub(() => {}) as SnippetStub & Record<string, (...args: unknown[]) => unknown>;
    expect(stub.track('Clicked', { a: 1 })).toBe(stub);
    stub.page();
    expect([...stub]).toEqual([['track', 'Clicked', { a: 1 }], ['page']]);
  });

  it('load() records the key and options and starts with the stub, buffered calls in it', () => {
    const start = vi.fn();
    const stub = createStub(start) as SnippetStub & Record<string, (...args: unknown[]) => unknown>;
    stub.identify('u1');
    stub.load!('WK', { flushAt: 1 });
    expect(start).toHaveBeenCalledTimes(1);
    const started = start.mock.calls[0][0] as SnippetStub;
    expect(started).toBe(stub);
    expect(started._writeKey).toBe('WK');
    expect(started._loadOptions).toEqual({ flushAt: 1 });
    expect([...started]).toEqual([['identify', 'u1']]);
  });

  it('does not start before load()', () => {
    const start = vi.fn();
    const stub = createStub(start) as SnippetStub & Record<string, (...args: unknown[]) => unknown>;
    stub.track('X');
    expect(start).not.toHaveBeenCalled();
  });

  it('a start that throws is logged, not thrown into the page', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stub = createStub(() => {
      throw new Error('snippet test start failure');
    });
    expect(() => stub.load!('WK')).not.toThrow();
    expect(error).toHaveBeenCalledWith('[tally]', 'snippet test start failure');
  });
});
