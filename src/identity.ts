// Who the visitor is: anonymousId, userId, traits and group, read from the stores once and cached; writes go through.
import { uuid } from './ids';
import { attempt } from './errors';
import { isPlainObject } from './check';
import type { KeyValueStore } from './storage';
import type { JsonObject } from './types';

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
  groupId(): string | null;
  groupTraits(): JsonObject;
  /** identify(): a new userId replaces the traits and the anonymousId, as analytics.js does; the same one merges traits. */
  identify(userId: string | null, traits: JsonObject): void;
  group(groupId: string | null, traits: JsonObject): void;
  /** Forgets the user and group, and starts a new anonymousId. */
  reset(): void;
}

/**
 * Reads identity from `ids` (for ids) and `traitStores` (for traits), first store that has a value wins,
 * and writes that value back to the others so they agree.
 */
export function createIdentity(ids: KeyValueStore[], traitStores: KeyValueStore[], makeId: () => string = uuid): Identity {
  const write = (stores: KeyValueStore[], key: string, value: unknown) => {
    // A store that fails now (quota, blocked) is skipped; the others and memory still hold the value.
    for (const store of stores) attempt(() => store.set(key, value));
  };
  const read = (stores: KeyValueStore[], key: string, accept: (value: unknown) => boolean) => {
    for (const store of stores) {
      const value = attempt(() => store.get(key));
      if (value !== null && value !== undefined && accept(value)) {
        write(stores.filter((other) => other !== store), key, value);
        return value;
      }
    }
    return null;
  };
  const readId = (key: string) => {
    const value = read(ids, key, (value) => typeof value === 'string' || typeof value === 'number');
    return value === null ? null : String(value);
  };
  const readTraits = (key: string) => (read(traitStores, key, isPlainObject) as JsonObject | null) ?? {};

  let anonymousId = readId(KEYS.anonymousId);
  let userId = readId(KEYS.userId);
  let traits = readTraits(KEYS.traits);
  let groupId = readId(KEYS.groupId);
  let groupTraits = readTraits(KEYS.groupTraits);

  const setAnonymousId = (id: string) => {
    anonymousId = id;
    write(ids, KEYS.anonymousId, id);
    return id;
  };
  const setUser = (id: string | null, newTraits: JsonObject) => {
    userId = id;
    traits = newTraits;
    write(ids, KEYS.userId, id);
    write(traitStores, KEYS.traits, newTraits);
  };
  const setGroup = (id: string | null, newTraits: JsonObject) => {
    groupId = id;
    groupTraits = newTraits;
    write(ids, KEYS.groupId, id);
    write(traitStores, KEYS.groupTraits, newTraits);
  };

  return {
    anonymousId: () => anonymousId ?? setAnonymousId(makeId()),
    setAnonymousId,
    userId: () => userId,
    traits(replace) {
      if (replace) setUser(userId, { ...replace });
      return traits;
    },
    groupId: () => groupId,
    groupTraits: () => groupTraits,
    identify(id, newTraits) {
      const switching = id !== null && userId !== null && id !== userId;
      if (switching) setAnonymousId(makeId());
      setUser(id ?? userId, switching ? { ...newTraits } : { ...traits, ...newTraits });
    },
    group(id, newTraits) {
      const switching = id !== null && groupId !== null && id !== groupId;
      setGroup(id ?? groupId, switching ? { ...newTraits } : { ...groupTraits, ...newTraits });
    },
    reset() {
      setUser(null, {});
      setGroup(null, {});
      setAnonymousId(makeId());
    },
  };
}
