import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { normalizeCall, takeBufferedPage } from '../../src/api/arguments';
import { ConfigError } from '../../src/errors';

// analytics-next 1.84's own resolvers (installed as a benchmark peer): the reference tally's shuffling must match.
const require = createRequire(import.meta.url);
const next = require('@segment/analytics-next/dist/cjs/core/arguments-resolver/index.js') as {
  resolveArguments: (...args: unknown[]) => unknown[];
  resolvePageArguments: (...args: unknown[]) => unknown[];
  resolveUserArguments: (user: { id(): unknown }) => (...args: unknown[]) => unknown[];
  resolveAliasArguments: (...args: unknown[]) => unknown[];
};

const cb = () => {};
const P = { plan: 'pro' };
const O = { integrations: { All: false } };

/** Throws the ConfigError normalizeCall raises, or fails. */
function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('track', () => {
  it('takes (name, properties, options, callback)', () => {
    const call = normalizeCall('track', ['Signed Up', P, O, cb]);
    expect(call).toMatchObject({ type: 'track', event: 'Signed Up', properties: P, options: O });
    expect(call.callback).toBe(cb);
  });

  it('takes the object form {event, properties} with options after it', () => {
    const call = normalizeCall('track', [{ event: 'Signed Up', properties: P }, O]);
    expect(call).toMatchObject({ event: 'Signed Up', properties: P, options: O });
  });

  it('finds the callback in any trailing position', () => {
    expect(normalizeCall('track', ['E', cb]).callback).toBe(cb);
    expect(normalizeCall('track', ['E', P, cb])).toMatchObject({ properties: P, options: {}, callback: cb });
    expect(normalizeCall('track', [{ event: 'E' }, cb])).toMatchObject({ properties: {}, options: {}, callback: cb });
  });

  it('defaults properties and options to empty objects', () => {
    expect(normalizeCall('track', ['E'])).toEqual({ type: 'track', event: 'E', properties: {}, options: {}, callback: undefined });
  });

  it.each([[[]], [[123]], [['']], [[{ properties: P }]], [[null]]])('rejects %j naming track(event)', (args) => {
    expect(errorOf(() => normalizeCall('track', args)).field).toBe('track(event)');
  });
});

describe('page', () => {
  it("page('Pricing') is a name", () => {
    expect(normalizeCall('page', ['Pricing'])).toMatchObject({ name: 'Pricing', category: undefined, properties: {}, options: {} });
  });

  it("page('Docs', 'Pricing', props, options, cb) is category then name", () => {
    const call = normalizeCall('page', ['Docs', 'Pricing', P, O, cb]);
    expect(call).toMatchObject({ category: 'Docs', name: 'Pricing', properties: P, options: O, callback: cb });
  });

  it('page(props, options) has no name', () => {
    expect(normalizeCall('page', [P, O])).toMatchObject({ name: undefined, category: undefined, properties: P, options: O });
  });

  it('page(callback) and page(name, callback)', () => {
    expect(normalizeCall('page', [cb]).callback).toBe(cb);
    expect(normalizeCall('page', ['N', cb])).toMatchObject({ name: 'N', callback: cb });
  });

  it("page('Docs', 'Pricing', null, options) skips the null properties", () => {
    expect(normalizeCall('page', ['Docs', 'Pricing', null, O])).toMatchObject({ properties: {}, options: O });
  });
});

describe('identify and group', () => {
  it('identify({plan}) is traits for the current user', () => {
    expect(normalizeCall('identify', [P], () => ({ userId: 'u1' }))).toMatchObject({ userId: 'u1', traits: P, options: {} });
  });

  it("identify('id', cb) has the callback and no traits", () => {
    expect(normalizeCall('identify', ['u2', cb])).toMatchObject({ userId: 'u2', traits: {}, options: {}, callback: cb });
  });

  it('identify(null, traits, options) keeps the current user', () => {
    expect(normalizeCall('identify', [null, P, O], () => ({ userId: 'u1' }))).toMatchObject({ userId: 'u1', traits: P, options: O });
  });

  it('identify(42) stringifies a numeric id', () => {
    expect(normalizeCall('identify', [42]).userId).toBe('42');
  });

  it('identify() without any user gives userId null', () => {
    expect(normalizeCall('identify', [P]).userId).toBeNull();
  });

  it('group(id, traits) and group(traits) with a current group', () => {
    expect(normalizeCall('group', ['g1', P])).toMatchObject({ type: 'group', groupId: 'g1', traits: P });
    expect(normalizeCall('group', [P], () => ({ groupId: 'g0' }))).toMatchObject({ groupId: 'g0', traits: P });
  });

  it('group() without an id and no current group names group(groupId)', () => {
    expect(errorOf(() => normalizeCall('group', [P])).field).toBe('group(groupId)');
    expect(errorOf(() => normalizeCall('group', [])).field).toBe('group(groupId)');
  });
});

describe('alias', () => {
  it('alias(to, from, options, cb)', () => {
    expect(normalizeCall('alias', ['new', 'old', O, cb])).toMatchObject({ userId: 'new', previousId: 'old', options: O, callback: cb });
  });

  it('alias(1, 2) stringifies numbers; alias(to) leaves previousId null', () => {
    expect(normalizeCall('alias', [1, 2])).toMatchObject({ userId: '1', previousId: '2' });
    expect(normalizeCall('alias', ['new']).previousId).toBeNull();
  });

  it('alias() without an id names alias(userId)', () => {
    expect(errorOf(() => normalizeCall('alias', [])).field).toBe('alias(userId)');
    expect(errorOf(() => normalizeCall('alias', [O])).field).toBe('alias(userId)');
  });
});

describe('snippet 5 buffered page context', () => {
  const bpc = {
    __t: 'bpc',
    c: 'https://x.test/canon',
    p: '/a',
    u: 'https://x.test/a?b=1#h',
    s: '?b=1',
    t: 'Title',
    r: 'https://ref.test/',
  };

  it('is taken off the arguments and kept on the call', () => {
    const call = normalizeCall('track', ['E', P, bpc]);
    expect(call.options).toEqual({});
    expect(call.page).toEqual({
      canonical: 'https://x.test/canon',
      pathname: '/a',
      href: 'https://x.test/a?b=1#h',
      search: '?b=1',
      title: 'Title',
      referrer: 'https://ref.test/',
    });
  });

  it('does not count as page properties or identify traits', () => {
    expect(normalizeCall('page', ['N', bpc]).properties).toEqual({});
    expect(normalizeCall('identify', ['u', bpc]).traits).toEqual({});
  });

  it('does not mutate the caller’s array, and ignores other trailing objects', () => {
    const args = ['E', bpc];
    normalizeCall('track', args);
    expect(args).toHaveLength(2);
    expect(takeBufferedPage(['E', { __t: 'other' }])).toBeUndefined();
  });

  it('reads missing fields as empty strings and an empty canonical as none', () => {
    expect(takeBufferedPage([{ __t: 'bpc', c: '', p: 5 }])).toEqual({
      canonical: undefined,
      pathname: '',
      href: '',
      search: '',
      title: '',
      referrer: '',
    });
  });
});

// Differential: the same argument lists through analytics-next's resolvers and tally's normalizeCall.
const show = (value: unknown) =>
  JSON.stringify(value, (_key, v) => {
    if (typeof v === 'function') return 'fn';
    return v === undefined ? null : v;
  });

describe('matches analytics-next', () => {
  const pageCases: unknown[][] = [
    [],
    ['N'],
    ['C', 'N'],
    [P],
    [P, O],
    ['N', P],
    ['N', P, O],
    ['C', 'N', P],
    ['C', 'N', P, O],
    ['C', 'N', P, O, cb],
    ['C', 'N', cb],
    [cb],
    [P, cb],
    ['C', 'N', null, O],
    [undefined, undefined, P],
    [null, null, P, O],
    ['N', P, cb],
    ['N', undefined, O],
  ];
  it.each(pageCases)('page %j', (...args) => {
    const call = normalizeCall('page', args);
    expect(show([call.category ?? null, call.name ?? null, call.properties, call.options, call.callback])).toBe(
      show(next.resolvePageArguments(...args)),
    );
  });

  // Positional cases analytics-next resolves by position: a null third argument is the properties slot, a fourth object is options.
  it.each([
    ['N', null, { a: 1 }], // next: properties {a:1}; tally: options {a:1}
    [null, 'N', { a: 1 }], // next: properties {a:1}; tally: options {a:1}
    ['C', 'N', undefined, { a: 1 }], // next: options {a:1}; tally: properties {a:1}
  ])('page %j matches analytics-next by position', (...args) => {
    const call = normalizeCall('page', args);
    expect(show([call.category ?? null, call.name ?? null, call.properties, call.options, call.callback])).toBe(
      show(next.resolvePageArguments(...args)),
    );
  });

  const userCases: unknown[][] = [
    [],
    ['id'],
    [42],
    ['id', P],
    ['id', P, O],
    [P],
    [P, O],
    ['id', cb],
    [P, cb],
    [null, P],
    [null, P, O],
    [undefined, P],
    ['id', null, O],
    ['id', P, cb],
    ['id', P, O, cb],
    [cb],
    [true, P],
    ['id', 'x', O],
  ];
  it.each(userCases)('identify %j', (...args) => {
    const call = normalizeCall('identify', args, () => ({ userId: 'CURRENT' }));
    const expected = next.resolveUserArguments({ id: () => 'CURRENT' })(...args);
    expect(show([call.userId, call.traits, call.options, call.callback])).toBe(show(expected));
  });

  const trackCases: unknown[][] = [
    ['E'],
    ['E', P],
    ['E', P, O],
    ['E', cb],
    ['E', P, cb],
    ['E', P, O, cb],
    [{ event: 'E', properties: P }],
    [{ event: 'E', properties: P }, O],
    [{ event: 'E' }, cb],
    ['E', undefined, O],
    ['E', null, O],
  ];
  it.each(trackCases)('track %j', (...args) => {
    const call = normalizeCall('track', args);
    expect(show([call.event, call.properties, call.options, call.callback])).toBe(show(next.resolveArguments(...args)));
  });

  const aliasCases: unknown[][] = [
    ['to'],
    ['to', 'from'],
    [1, 2],
    ['to', O],
    ['to', 'from', O],
    ['to', cb],
    ['to', 'from', O, cb],
    [undefined, 'from'],
  ];
  it.each(aliasCases)('alias %j', (...args) => {
    const call = normalizeCall('alias', args);
    expect(show([call.userId, call.previousId, call.options, call.callback])).toBe(show(next.resolveAliasArguments(...args)));
  });
});
