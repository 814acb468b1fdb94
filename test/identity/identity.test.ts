import { describe, expect, it } from 'vitest';
import { KEYS, createIdentity } from '../../src/identity/identity';
import { createMemoryStore, type KeyValueStore } from '../../src/identity/stores';

/** A fresh id maker: anon-1, anon-2, ... */
const counter = (prefix = 'anon') => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};

/** A store whose every call throws, as a blocked cookie jar or a full localStorage can. */
const broken = (name = 'broken'): KeyValueStore => ({
  name,
  get: () => {
    throw new Error('blocked');
  },
  set: () => {
    throw new Error('blocked');
  },
});

const stores = () => {
  const cookie = createMemoryStore();
  const local = createMemoryStore();
  const memory = createMemoryStore();
  return { cookie, local, memory, ids: [cookie, local, memory], traits: [local, memory] };
};

describe('reading', () => {
  it('uses analytics.js key names', () => {
    expect(KEYS).toEqual({
      anonymousId: 'ajs_anonymous_id',
      userId: 'ajs_user_id',
      traits: 'ajs_user_traits',
      groupId: 'ajs_group_id',
      groupTraits: 'ajs_group_properties',
    });
  });

  it('reads the first store that has a value and writes it to the others', () => {
    const s = stores();
    s.local.set(KEYS.anonymousId, 'from-local');
    s.local.set(KEYS.traits, { plan: 'pro' });
    const identity = createIdentity(s.ids, s.traits, counter());
    expect(identity.anonymousId()).toBe('from-local');
    expect(s.cookie.get(KEYS.anonymousId)).toBe('from-local');
    expect(s.memory.get(KEYS.anonymousId)).toBe('from-local');
    expect(identity.traits()).toEqual({ plan: 'pro' });
    expect(s.memory.get(KEYS.traits)).toEqual({ plan: 'pro' });
  });

  it('the first store wins when stores disagree, and the others are brought in line', () => {
    const s = stores();
    s.cookie.set(KEYS.userId, 'cookie-user');
    s.local.set(KEYS.userId, 'local-user');
    expect(createIdentity(s.ids, s.traits, counter()).userId()).toBe('cookie-user');
    expect(s.local.get(KEYS.userId)).toBe('cookie-user');
  });

  it('reads a numeric id as a string and skips values of the wrong type', () => {
    const s = stores();
    s.cookie.set(KEYS.userId, 42);
    s.cookie.set(KEYS.groupId, { not: 'an id' });
    s.local.set(KEYS.groupId, 'g-local');
    s.local.set(KEYS.traits, 'not traits');
    s.memory.set(KEYS.traits, { ok: true });
    const identity = createIdentity(s.ids, s.traits, counter());
    expect(identity.userId()).toBe('42');
    expect(identity.current().groupId).toBe('g-local');
    expect(identity.traits()).toEqual({ ok: true });
  });

  it('starts empty, and makes an anonymousId once, on first use, in every store', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    expect(identity.userId()).toBeNull();
    expect(identity.traits()).toEqual({});
    expect(s.cookie.get(KEYS.anonymousId)).toBeNull();
    expect(identity.anonymousId()).toBe('anon-1');
    expect(identity.anonymousId()).toBe('anon-1');
    for (const store of s.ids) expect(store.get(KEYS.anonymousId)).toBe('anon-1');
    expect(identity.current()).toMatchObject({ anonymousId: 'anon-1', groupId: null, groupTraits: {} });
  });

  it('uses a uuid by default', () => {
    const s = stores();
    expect(createIdentity(s.ids, s.traits).anonymousId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('identify', () => {
  it('merges traits for the same user', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    identity.identify('u1', { plan: 'pro', seats: 1 });
    identity.identify('u1', { seats: 2 });
    expect(identity.userId()).toBe('u1');
    expect(identity.traits()).toEqual({ plan: 'pro', seats: 2 });
    expect(s.local.get(KEYS.traits)).toEqual({ plan: 'pro', seats: 2 });
    expect(s.cookie.get(KEYS.userId)).toBe('u1');
  });

  it('keeps anonymous traits and the anonymousId when an anonymous visitor is first identified', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    const anonymousId = identity.anonymousId();
    identity.identify(null, { source: 'ad' });
    identity.identify('u1', { plan: 'pro' });
    expect(identity.anonymousId()).toBe(anonymousId);
    expect(identity.traits()).toEqual({ source: 'ad', plan: 'pro' });
  });

  it('identify(null, traits) merges into the current user', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    identity.identify('u1', { a: 1 });
    identity.identify(null, { b: 2 });
    expect(identity.userId()).toBe('u1');
    expect(identity.traits()).toEqual({ a: 1, b: 2 });
  });

  it('switching users replaces the traits and the anonymousId', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    expect(identity.anonymousId()).toBe('anon-1');
    identity.identify('u1', { email: 'one@x.test' });
    identity.identify('u2', { plan: 'free' });
    expect(identity.userId()).toBe('u2');
    expect(identity.traits()).toEqual({ plan: 'free' });
    expect(identity.anonymousId()).toBe('anon-2');
    expect(s.cookie.get(KEYS.anonymousId)).toBe('anon-2');
    expect(s.local.get(KEYS.traits)).toEqual({ plan: 'free' });
  });

  it('does not keep a reference to the caller’s traits object', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    const traits = { a: 1 };
    identity.identify('u1', traits);
    traits.a = 2;
    expect(identity.traits()).toEqual({ a: 1 });
  });

  it('setAnonymousId writes through and returns the id', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    expect(identity.setAnonymousId('mine')).toBe('mine');
    expect(identity.anonymousId()).toBe('mine');
    expect(s.local.get(KEYS.anonymousId)).toBe('mine');
  });
});

describe('group', () => {
  it('merges traits for the same group and replaces them for another', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    identity.group('g1', { name: 'Acme' });
    identity.group('g1', { seats: 5 });
    expect(identity.current().groupId).toBe('g1');
    expect(identity.current().groupTraits).toEqual({ name: 'Acme', seats: 5 });
    expect(s.local.get(KEYS.groupTraits)).toEqual({ name: 'Acme', seats: 5 });
    identity.group('g2', { name: 'Beta' });
    expect(identity.current().groupTraits).toEqual({ name: 'Beta' });
    expect(s.cookie.get(KEYS.groupId)).toBe('g2');
  });

  it('does not change the anonymousId', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    identity.anonymousId();
    identity.group('g1', {});
    identity.group('g2', {});
    expect(identity.anonymousId()).toBe('anon-1');
  });
});

describe('reset', () => {
  it('forgets user and group, removes them from the stores and starts a new anonymousId', () => {
    const s = stores();
    const identity = createIdentity(s.ids, s.traits, counter());
    identity.anonymousId();
    identity.identify('u1', { a: 1 });
    identity.group('g1', { b: 2 });
    identity.reset();
    expect(identity.userId()).toBeNull();
    expect(identity.traits()).toEqual({});
    expect(identity.current().groupId).toBeNull();
    expect(identity.current().groupTraits).toEqual({});
    expect(identity.anonymousId()).toBe('anon-2');
    for (const store of s.ids) {
      expect(store.get(KEYS.userId)).toBeNull();
      expect(store.get(KEYS.groupId)).toBeNull();
      expect(store.get(KEYS.anonymousId)).toBe('anon-2');
    }
    // A new page view reads the reset state.
    expect(createIdentity(s.ids, s.traits, counter('next')).userId()).toBeNull();
  });
});

describe('a store that throws', () => {
  it('is skipped on read and on write; the others keep the value', () => {
    const s = stores();
    s.local.set(KEYS.userId, 'u-local');
    const identity = createIdentity([broken(), s.local, s.memory], [broken(), s.memory], counter());
    expect(identity.userId()).toBe('u-local');
    identity.identify('u-local', { a: 1 });
    expect(identity.traits()).toEqual({ a: 1 });
    expect(s.memory.get(KEYS.traits)).toEqual({ a: 1 });
    expect(identity.anonymousId()).toBe('anon-1');
    expect(s.memory.get(KEYS.anonymousId)).toBe('anon-1');
  });

  it('works with every store broken, from memory', () => {
    const identity = createIdentity([broken()], [broken()], counter());
    identity.identify('u1', { a: 1 });
    expect(identity.userId()).toBe('u1');
    expect(identity.traits()).toEqual({ a: 1 });
    expect(identity.anonymousId()).toBe('anon-1');
  });
});

describe('current()', () => {
  it('gives the whole identity an event carries, after identify and group', () => {
    const { ids, traits } = stores();
    const identity = createIdentity(ids, traits, counter());
    identity.identify('u1', { plan: 'pro' });
    identity.group('g1', { size: 3 });
    expect(identity.current()).toEqual({
      anonymousId: 'anon-1',
      userId: 'u1',
      traits: { plan: 'pro' },
      groupId: 'g1',
      groupTraits: { size: 3 },
    });
    identity.reset();
    expect(identity.current()).toEqual({ anonymousId: 'anon-2', userId: null, traits: {}, groupId: null, groupTraits: {} });
  });
});
