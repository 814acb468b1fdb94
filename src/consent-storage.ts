// Touches localStorage and navigator: where the consent choice is kept, the GPC signal, and identity stores opened only once consent allows.
import { createIdentity, KEYS, type Identity } from './identity';
import { createMemoryStore, openIdentityStores, type KeyValueStore } from './storage';
import { toChoice, type ConsentChoice } from './consent';
import type { CookieConfig } from './config';

/** The localStorage key of the visitor's choice; written only when a choice is made. */
export const CONSENT_KEY = 'tally_consent';

/** The stored choice, if the visitor made one on an earlier page. */
export function readStoredChoice(): ConsentChoice | undefined {
  try {
    return toChoice(JSON.parse(localStorage.getItem(CONSENT_KEY) ?? 'null'));
  } catch {
    return undefined;
  }
}

/** Keeps the visitor's choice for the next pages. */
export function storeChoice(choice: ConsentChoice): void {
  try {
    localStorage.setItem(CONSENT_KEY, JSON.stringify(choice));
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

/** Global Privacy Control (https://privacycg.github.io/gpc-spec/). */
export function hasGlobalPrivacyControl(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/** Identity whose cookie and localStorage writes wait for consent: memory only until `persist(true)`. */
export interface ConsentedIdentity {
  identity: Identity;
  /** true: open cookie + localStorage and write the identity there; false: stop writing and remove tally's keys. */
  persist(on: boolean): void;
}

/** Opens identity: persisted now when `allowed`, else kept in memory (no cookie, no storage, not even a probe) until persist(true). */
export function openConsentedIdentity(cookie: CookieConfig, allowed: boolean): ConsentedIdentity {
  const memory = createMemoryStore();
  let real: KeyValueStore[] = [];
  const ids: KeyValueStore[] = [memory];
  const traits: KeyValueStore[] = [memory];
  const persist = (on: boolean) => {
    if (on === real.length > 0) return;
    if (on) {
      const opened = openIdentityStores(cookie);
      real = opened.ids.filter((store) => store.name !== 'memory');
      // What this page learned so far wins over older values in the stores.
      for (const key of Object.values(KEYS)) {
        const value = memory.get(key);
        if (value === null) continue;
        for (const store of key === KEYS.traits || key === KEYS.groupTraits ? real.filter((store) => store.name !== 'cookie') : real) store.set(key, value);
      }
      ids.unshift(...real);
      traits.unshift(...real.filter((store) => store.name !== 'cookie'));
    } else {
      for (const store of real) for (const key of Object.values(KEYS)) store.set(key, null);
      real = [];
      ids.splice(0, ids.length - 1);
      traits.splice(0, traits.length - 1);
    }
  };
  persist(allowed);
  return { identity: createIdentity(ids, traits), persist };
}
