// tally's own copy of load()'s options (pure): read once, defensively, so that a getter or Proxy that throws costs only
// its field, and nothing tally later freezes or keeps is the caller's object.
import { isPlainObject, type Problems } from './readers';
import { setOwn } from './keys';

/** How deep a copy follows nested objects: deeper than any option tally reads, shallow enough to stop a runaway structure. */
const MAX_DEPTH = 32;

/** The reason a read threw, for the message. */
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A copy of `value`: plain objects and arrays are copied key by key (own enumerable keys, as Object.keys gives them);
 * anything else (a string, a function, a Date) is kept as it is. A key whose read throws (a getter, a Proxy trap) is
 * reported on its field (`cookie.domain: could not be read (...); using the default`) and left out, so its default
 * applies; an object that cannot be listed at all is reported and read as absent. A cycle keeps its shape.
 * @example copyInput(problems, 'options', { flushAt: 10, get debug() { throw new Error('no') } }) // { flushAt: 10 }, 1 problem
 */
export function copyInput(problems: Problems, field: string, value: unknown): unknown {
  return copyValue(problems, { field, prefix: '', depth: 0, seen: new Map() }, value);
}

/** Where a copy is: the field's name, what its keys' names start with, how deep it is, and the objects already copied. */
interface Place {
  field: string;
  prefix: string;
  depth: number;
  seen: Map<object, unknown>;
}

function copyValue(problems: Problems, place: Place, value: unknown): unknown {
  const { field, prefix, depth, seen } = place;
  let keys: string[];
  try {
    if (!Array.isArray(value) && !isPlainObject(value)) return value;
    if (seen.has(value)) return seen.get(value);
    keys = Object.keys(value);
  } catch (error) {
    problems.flag('T108', field, undefined, undefined, reasonOf(error));
    return undefined;
  }
  const copy: object = Array.isArray(value) ? [] : {};
  if (depth >= MAX_DEPTH) return copy;
  seen.set(value, copy);
  for (const key of keys) {
    const at = Array.isArray(value) ? `${field}[${key}]` : prefix + key;
    try {
      const item = (value as Record<string, unknown>)[key];
      // Own, not assigned: a JSON-parsed `__proto__` key stays a key instead of becoming the copy's prototype.
      setOwn(copy, key, copyValue(problems, { field: at, prefix: `${at}.`, depth: depth + 1, seen }, item));
    } catch (error) {
      problems.flag('T108', at, undefined, undefined, reasonOf(error));
    }
  }
  return copy;
}
