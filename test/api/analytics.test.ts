// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, LIBRARY } from '../../src/api/analytics';
import { createIdentity, KEYS } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import type { Options } from '../../src/config/config';
import type { TallyEvent } from '../../src/event/types';
import { createRecordingTransport } from '../helpers/transport';

/** A live instance over a recording transport and memory identity; nothing touches the network or cookies. */
function setup(options: Options = {}, status = 200) {
  const transport = createRecordingTransport(() => ({ status }));
  const { requests } = transport;
  const ids = createMemoryStore();
  const traits = createMemoryStore();
  ids.set(KEYS.anonymousId, 'anon-0');
  const identity = createIdentity([ids], [traits]);
  const analytics = createAnalytics('WK', options, { transport, identity, listen: false });
  const sentEvents = (): TallyEvent[] => requests.flatMap((request) => JSON.parse(request.body).batch);
  return { analytics, requests, sentEvents, ids };
}

const silenceErrors = () => vi.spyOn(console, 'error').mockImplementation(() => {});

describe('calls produce Segment events', () => {
  it('track resolves to a context with the event, queued for Segment.io', async () => {
    const { analytics } = setup();
    const context = await analytics.track('Signed Up', { plan: 'pro' });
    expect(context!.destinations).toEqual(['Segment.io']);
    expect(context!.event).toMatchObject({ type: 'track', event: 'Signed Up', properties: { plan: 'pro' }, anonymousId: 'anon-0' });
    expect(context!.event.context.library).toEqual(LIBRARY);
    expect(context!.event.messageId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('identify sets the user, and later events carry the userId', async () => {
    const { analytics } = setup();
    const identified = await analytics.identify('u1', { email: 'a@b.test' });
    expect(identified!.event).toMatchObject({ type: 'identify', userId: 'u1', traits: { email: 'a@b.test' }, anonymousId: 'anon-0' });
    await analytics.identify({ plan: 'pro' });
    expect(analytics.user().traits()).toEqual({ email: 'a@b.test', plan: 'pro' });
    expect((await analytics.track('After'))!.event.userId).toBe('u1');
  });

  it('page reads the live page into context.page and properties', async () => {
    const { analytics } = setup();
    document.title = 'Pricing page';
    const { event } = (await analytics.page('Docs', 'Pricing', { plan: 'pro' }))!;
    expect(event).toMatchObject({ type: 'page', category: 'Docs', name: 'Pricing' });
    expect(event.properties).toMatchObject({
      plan: 'pro',
      name: 'Pricing',
      category: 'Docs',
      title: 'Pricing page',
      path: location.pathname,
      url: location.href.split('#')[0],
    });
    expect(event.context.page!.title).toBe('Pricing page');
  });

  it('group and alias', async () => {
    const { analytics } = setup();
    expect((await analytics.group('g1', { seats: 5 }))!.event).toMatchObject({ type: 'group', groupId: 'g1', traits: { seats: 5 } });
    await analytics.identify('u-old');
    expect((await analytics.alias('u-new'))!.event).toMatchObject({ type: 'alias', userId: 'u-new', previousId: 'u-old' });
  });

  it('options.integrations can keep an event from Segment.io', async () => {
    const { analytics } = setup();
    expect((await analytics.track('Hidden', {}, { integrations: { 'Segment.io': false } }))!.destinations).toEqual([]);
  });

  it('flush() sends the queued events as one Segment batch', async () => {
    const { analytics, requests, sentEvents } = setup();
    await analytics.track('One');
    await analytics.page('Home');
    await analytics.flush();
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('https://api.segment.io/v1/batch');
    expect(JSON.parse(requests[0].body).writeKey).toBe('WK');
    expect(sentEvents().map((event) => event.type)).toEqual(['track', 'page']);
    expect(analytics.stats()['Segment.io']).toMatchObject({ queued: 0, sent: 2 });
  });
});

describe('bad input never throws into the caller', () => {
  it('track() and track(123) resolve to undefined; the problem is logged once, by name', async () => {
    const error = silenceErrors();
    const { analytics, sentEvents } = setup();
    // @ts-expect-error: the bad call under test
    await expect(analytics.track()).resolves.toBeUndefined();
    // @ts-expect-error: the bad call under test
    await expect(analytics.track(123)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('[tally]', 'track(event): must be a non-empty string');
    await analytics.flush();
    expect(sentEvents()).toEqual([]);
  });

  it('group() without an id and alias() without one are logged and emit an error event', async () => {
    const error = silenceErrors();
    const { analytics } = setup();
    const errors: unknown[] = [];
    analytics.on('error', (payload) => errors.push(payload));
    await expect(analytics.group()).resolves.toBeUndefined();
    // @ts-expect-error: the bad call under test
    await expect(analytics.alias()).resolves.toBeUndefined();
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      'group(groupId): must be a string or number',
      'alias(userId): must be a string or number',
    ]);
    expect(errors).toMatchObject([{ code: 'invalid_call' }, { code: 'invalid_call' }]);
  });

  it('a cyclic property does not throw; the event is dropped at flush with a named reason, the others sent', async () => {
    const error = silenceErrors();
    const { analytics, sentEvents } = setup();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const errors: Array<{ code: string; event: TallyEvent }> = [];
    analytics.on('error', (payload) => errors.push(payload as { code: string; event: TallyEvent }));
    const context = await analytics.track('Cyclic', cyclic);
    expect(context!.event.event).toBe('Cyclic');
    await analytics.track('Fine');
    await expect(analytics.flush()).resolves.toBeUndefined();
    expect(sentEvents().map((event) => event.event)).toEqual(['Fine']);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][1]).toMatch(/^Segment\.io dropped track "Cyclic" \(\w{26}\): it cannot be sent \(.*JSON/s);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('delivery_failure');
    expect(errors[0].event.event).toBe('Cyclic');
  });

  it('a throwing callback or handler is logged, and the call still resolves', async () => {
    const error = silenceErrors();
    const { analytics } = setup();
    analytics.on('track', () => {
      throw new Error('handler boom (analytics test)');
    });
    const context = await analytics.track('X', () => {
      throw new Error('callback boom (analytics test)');
    });
    await Promise.resolve();
    expect(context!.event.event).toBe('X');
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      "an on('track') handler threw: handler boom (analytics test)",
      'callback boom (analytics test)',
    ]);
  });

  it('bad options: one console error naming the field, the rest still applies', () => {
    const error = silenceErrors();
    const { analytics } = setup({ flushAt: 'often' as unknown as number, flushInterval: 250 });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][1]).toMatch(/^flushAt: /);
    expect(analytics.config.flushIntervalMs).toBe(250);
  });
});

describe('events, as analytics.js emits them', () => {
  it("on('track'|'page'|'identify'|'group'|'alias') get analytics.js's arguments", async () => {
    const { analytics } = setup();
    const seen: unknown[][] = [];
    for (const name of ['track', 'page', 'identify', 'group', 'alias']) analytics.on(name, (...args) => seen.push([name, ...args]));
    const options = { context: { ip: '0.0.0.0' } };
    await analytics.track('Clicked', { a: 1 }, options);
    await analytics.page('Docs', 'Intro', { b: 2 }, options);
    await analytics.identify('u1', { c: 3 }, options);
    await analytics.group('g1', { d: 4 }, options);
    await analytics.alias('u2', 'u1', options);
    expect(seen[0]).toEqual(['track', 'Clicked', { a: 1 }, options]);
    expect(seen[1].slice(0, 3)).toEqual(['page', 'Docs', 'Intro']);
    expect(seen[1][3]).toMatchObject({ b: 2, name: 'Intro', category: 'Docs' });
    expect(seen[1][4]).toBe(options);
    expect(seen[2]).toEqual(['identify', 'u1', { c: 3 }, options]);
    expect(seen[3]).toEqual(['group', 'g1', { d: 4 }, options]);
    expect(seen[4]).toEqual(['alias', 'u2', 'u1', options]);
  });

  // analytics-next emits alias with the `from` argument as given (null when left out), not the filled-in previousId.
  it("on('alias') gets null as `from` when alias() was called without one, as analytics-next", async () => {
    const { analytics } = setup();
    const seen: unknown[][] = [];
    analytics.on('alias', (...args) => seen.push(args));
    await analytics.alias('u2');
    expect(seen[0].slice(0, 2)).toEqual(['u2', null]);
  });

  it('once() and off() work on the instance and are chainable', async () => {
    const { analytics } = setup();
    const once = vi.fn();
    const removed = vi.fn();
    expect(analytics.once('track', once).on('track', removed).off('track', removed)).toBe(analytics);
    await analytics.track('A');
    await analytics.track('B');
    expect(once).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('callbacks run after the call, with its context', async () => {
    const { analytics } = setup();
    const callback = vi.fn();
    const context = await analytics.track('Cb', { a: 1 }, callback);
    await Promise.resolve();
    expect(callback).toHaveBeenCalledWith(context);
    const identifyCallback = vi.fn();
    await analytics.identify('u1', identifyCallback);
    await Promise.resolve();
    expect(identifyCallback).toHaveBeenCalledTimes(1);
  });

  it('ready(callback) runs the callback and resolves', async () => {
    const { analytics } = setup();
    const callback = vi.fn();
    await analytics.ready(callback);
    await Promise.resolve();
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('identity API', () => {
  it('user().id() / anonymousId() / traits() read and write', async () => {
    const { analytics, ids } = setup();
    expect(analytics.user().id()).toBeNull();
    expect(analytics.user().anonymousId()).toBe('anon-0');
    await analytics.identify('u1', { plan: 'pro' });
    expect(analytics.user().id()).toBe('u1');
    expect(analytics.user().traits()).toEqual({ plan: 'pro' });
    expect(analytics.user().anonymousId('anon-set')).toBe('anon-set');
    expect(ids.get(KEYS.anonymousId)).toBe('anon-set');
    expect(analytics.setAnonymousId('anon-2')).toBe('anon-2');
    expect((await analytics.track('X'))!.event.anonymousId).toBe('anon-2');
  });

  it('options.anonymousId on a call sets the anonymousId', async () => {
    const { analytics } = setup();
    await analytics.track('X', {}, { anonymousId: 'anon-opt' });
    expect(analytics.user().anonymousId()).toBe('anon-opt');
  });

  // analytics.js and analytics-next replace the traits (`traitsStore.set(traits)`).
  it('user().traits(traits) replaces the traits, as analytics-next', async () => {
    const { analytics } = setup();
    await analytics.identify('u1', { a: 1 });
    expect(analytics.user().traits({ b: 2 })).toEqual({ b: 2 });
  });

  it('reset() emits reset, forgets the user and starts a new anonymousId', async () => {
    const { analytics } = setup();
    await analytics.identify('u1', { a: 1 });
    const onReset = vi.fn();
    analytics.on('reset', onReset);
    analytics.reset();
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(analytics.user().id()).toBeNull();
    expect(analytics.user().traits()).toEqual({});
    const anonymousId = analytics.user().anonymousId();
    expect(anonymousId).not.toBe('anon-0');
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await analytics.track('After reset'))!.event.userId).toBeUndefined();
  });
});

describe('queue API and load options', () => {
  it("push(['track', 'X']) makes the call", async () => {
    const { analytics, sentEvents } = setup();
    analytics.push(['track', 'Pushed', { a: 1 }]);
    analytics.push(['identify', 'u9']);
    await analytics.flush();
    expect(sentEvents().map((event) => [event.type, event.event ?? event.userId])).toEqual([
      ['track', 'Pushed'],
      ['identify', 'u9'],
    ]);
  });

  it('push() of something else logs and does nothing', async () => {
    const error = silenceErrors();
    const { analytics, requests } = setup();
    analytics.push('track');
    analytics.push(['nonexistentMethod']);
    analytics.push(['push', ['track', 'X']]);
    await analytics.flush();
    expect(requests).toHaveLength(0);
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      'push(): undefined is not a tally method',
      'push(): nonexistentMethod is not a tally method',
      'push(): push is not a tally method',
    ]);
  });

  it('initialPageview: true sends one page view at load; the default sends none', async () => {
    const on = setup({ initialPageview: true });
    await on.analytics.flush();
    expect(on.sentEvents().map((event) => event.type)).toEqual(['page']);
    const off = setup();
    await off.analytics.flush();
    expect(off.sentEvents()).toEqual([]);
  });

  it('flushAt sends without an explicit flush', async () => {
    const { analytics, requests } = setup({ flushAt: 2 });
    await analytics.track('A');
    await analytics.track('B');
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(JSON.parse(requests[0].body).batch).toHaveLength(2);
  });

  it("integrations: { 'Segment.io': false } sends nothing", async () => {
    const { analytics, requests } = setup({ integrations: { 'Segment.io': false } });
    expect((await analytics.track('X'))!.destinations).toEqual([]);
    await analytics.flush();
    expect(requests).toHaveLength(0);
    expect(analytics.stats()).toEqual({});
  });

  it('segment.apiHost decides where batches go', async () => {
    const { analytics, requests } = setup({ segment: { apiHost: 'http://127.0.0.1:8787/v1' } });
    await analytics.track('X');
    await analytics.flush();
    expect(requests[0].url).toBe('http://127.0.0.1:8787/v1/batch');
  });
});
