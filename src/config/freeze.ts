// deepFreeze: validated configuration is frozen, so no later stage can change what config.ts checked. It freezes only
// tally's own data (plain objects and arrays, which config.ts copies from the caller's options), never a function, a
// class instance or a prototype the caller handed over.
import { isPlainObject } from './readers';

/** Freezes a plain object or array and every plain object or array inside it; anything else is left as it is. */
export function deepFreeze<T>(value: T): T {
  if ((Array.isArray(value) || isPlainObject(value)) && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}
