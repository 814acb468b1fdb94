// deepFreeze: validated configuration is frozen, so no later stage can change what config.ts checked.

/** Freezes an object and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}
