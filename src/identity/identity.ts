// Who the visitor is: anonymousId, userId, traits and group, read from the stores once and cached; writes go through.
import { uuid } from '../event/ids';
import { attempt } from '../errors';
import { isPlainObject } from '../config/readers';
import type { KeyValueStore } from './stores';
import type { JsonObject } from '../event/types';
import type { EventIdentity } from '../event/build';

/** analytics.js's storage keys, so a visitor keeps their id when a site moves between it and tally. */
export const KEYS = {
  anonymousId: 'ajs_anonymous_id',
  userId: 'ajs_user_id',
  traits: 'ajs_user_traits',
  groupId: 'ajs_group_id',
  groupTraits: 'ajs_group_properties',
} as const;

/** The identity of the current visitor. */
export interface Identity {
  anonymousId(): string;
  setAnonymousId(id: string): string;
  userId(): string | null;
  /** The user's traits; with an argument, replaces them first (analytics.js's `user().traits(traits)`). */
  traits(replace?: JsonObject): JsonObject;
  /** identify(): a new userId replaces the traits and the anonymousId, as analytics.js does; the same one merges traits. */
  identify(userId: string | null, traits: JsonObject): void;
  group(groupId: string | null, traits: JsonObject): void;
  /** Forgets the user and group, and starts a new anonymousId. */
  reset(): void;
  /** Everything at once, as an event carries it (the group's id and traits are read only here). */
  current(): EventIdentity;
}

/** Writes `value` to every store; a store that fails now (quota, blocked) is skipped: the others and memory still hold it. */
function write(stores: KeyValueStore[], key: string, value: unknown) {
  for (const store of stores) attempt(() => store.set(key, value));
}

/** The first value of `key` that a store holds and `accept` takes (null: none), written back to the other stores so they agree. */
function read(stores: KeyValueStore[], key: string, accept: (value: unknown) => boolean): unknown {
  for (const store of stores) {
    const value = attempt(() => store.get(key));
    if (value != null && accept(value)) {
      write(
        stores.filter((other) => other !== store),
        key,
        value,
      );
      return value;
    }
  }
  return null;
}

/**
 * Reads identity from `ids` (for ids) and `traitStores` (for traits), first store that has a value wins,
 * and writes that value back to the others so they agree.
 */
export function createIdentity(ids: KeyValueStore[], traitStores: KeyValueStore[], makeId: () => string = uuid): Identity {
  const readId = (key: string) => {
    const value = read(ids, key, (value) => typeof value === 'string' || typeof value === 'number');
    return value === null ? null : String(value);
  };

  /** The user and the group are alike: an id with traits, kept under two keys. */
  const createParty = (idKey: string, traitsKey: string) => {
    let id = readId(idKey);
    let traits = (read(traitStores, traitsKey, isPlainObject) as JsonObject | null) ?? {};
    const set = (newId: string | null, newTraits: JsonObject) => {
      id = newId;
      traits = newTraits;
      write(ids, idKey, newId);
      write(traitStores, traitsKey, newTraits);
    };
    return {
      id: () => id,
      traits: () => traits,
      set,
      /** A new id replaces the traits, the same one (or none) merges them; true when the id changed. */
      update(newId: string | null, newTraits: JsonObject) {
        const switching = newId !== null && id !== null && newId !== id;
        set(newId ?? id, switching ? { ...newTraits } : { ...traits, ...newTraits });
        return switching;
      },
    };
  };

  let anonymousId = readId(KEYS.anonymousId);
  const user = createParty(KEYS.userId, KEYS.traits);
  const group = createParty(KEYS.groupId, KEYS.groupTraits);
  const setAnonymousId = (id: string) => {
    anonymousId = id;
    write(ids, KEYS.anonymousId, id);
    return id;
  };

  const currentAnonymousId = () => anonymousId ?? setAnonymousId(makeId());
  return {
    anonymousId: currentAnonymousId,
    current: () => ({
      anonymousId: currentAnonymousId(),
      userId: user.id(),
      traits: user.traits(),
      groupId: group.id(),
      groupTraits: group.traits(),
    }),
    setAnonymousId,
    userId: user.id,
    traits(replace) {
      if (replace) user.set(user.id(), { ...replace });
      return user.traits();
    },
    identify(id, traits) {
      // A different user: a new anonymousId too, as analytics.js does.
      if (user.update(id, traits)) setAnonymousId(makeId());
    },
    group(id, traits) {
      group.update(id, traits);
    },
    reset() {
      user.set(null, {});
      group.set(null, {});
      setAnonymousId(makeId());
    },
  };
}
