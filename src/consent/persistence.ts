// Touches localStorage and cookies: keeps the visitor's choice, and opens or closes identity's persistent stores as consent changes.
import { KEYS } from '../identity/identity';
import { openIdentityStores, type KeyValueStore } from '../identity/stores';
import { CONSENT_KEY } from './start';
import type { CookieConfig } from '../config/config';
import type { ConsentChoice } from './choice';

/** The store lists identity reads and writes, in order; memory is always last. */
export interface IdentityStores {
  ids: KeyValueStore[];
  traits: KeyValueStore[];
}

/** Keeps the visitor's choice for the next pages. */
export function storeChoice(choice: ConsentChoice): void {
  try {
    localStorage.setItem(CONSENT_KEY, JSON.stringify(choice));
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

/** true: opens cookie + localStorage and writes what memory holds there; false: removes tally's keys and goes back to memory only. */
export function persistIdentity(stores: IdentityStores, cookie: CookieConfig, on: boolean): void {
  const memory = stores.ids[stores.ids.length - 1];
  if (on === stores.ids.length > 1) return;
  if (on) {
    const real = openIdentityStores(cookie).ids.filter((store) => store.name !== 'memory');
    const local = real.filter((store) => store.name !== 'cookie');
    // What this page learned so far wins over older values in the stores.
    for (const key of Object.values(KEYS)) {
      const value = memory.get(key);
      if (value !== null) for (const store of key === KEYS.traits || key === KEYS.groupTraits ? local : real) store.set(key, value);
    }
    stores.ids.unshift(...real);
    stores.traits.unshift(...local);
  } else {
    for (const store of stores.ids.splice(0, stores.ids.length - 1)) for (const key of Object.values(KEYS)) store.set(key, null);
    stores.traits.splice(0, stores.traits.length - 1);
  }
}
