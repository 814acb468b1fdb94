// Writing keys that come from outside (a plugin's path, a rule's property name, a redacted key) without reaching a
// prototype (pure): `obj.__proto__ = v` replaces obj's prototype, and a path through `constructor.prototype` reaches
// Object.prototype, which every object on the page inherits from.

/** Path segments that lead to a prototype instead of an own property; refused wherever a path is walked. */
export const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Whether a key from outside may be walked or written as a path segment. */
export const isSafeKey = (key: string): boolean => !UNSAFE_KEYS.includes(key);

/** Whether `target` has `key` itself, not through its prototype (`'constructor' in {}` is true; this is false). */
export const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/** Sets `key` as an own, enumerable property of `target`, even `__proto__`, which plain assignment would make a prototype change. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
