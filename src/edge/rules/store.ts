// The rules workspace's storage seam: a tiny key-value interface that Workers KV, Deno KV, the file system and memory
// can each give. Records are immutable: a version's key is written once, so "put with a version check" is "put if
// absent" on the next version's key (publishing from version 3 writes published/0000000004; of two editors starting from
// 3, one finds it taken). Each engine gives that check its own way (see its adapter).

/** Where the edge keeps published versions and drafts. Keys are `[a-z0-9/_-]` paths; values are JSON text. */
export interface RulesStore {
  /** The value at `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Writes `value` at `key` unless something is there already: true when written, false when the key was taken. */
  put(key: string, value: string): Promise<boolean>;
  /** The keys under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** The keys a store takes: lower-case words and digits separated by `/` (no `..`, no absolute paths). */
export const STORE_KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;

/** Throws on a key a store must not take (callers build keys themselves; this guards the file system above all). */
export function checkKey(key: string): string {
  if (!STORE_KEY.test(key)) throw new TypeError(`rules store: bad key ${JSON.stringify(key)}`);
  return key;
}

/**
 * A store in this process's memory: for tests and a single-process demo (gone on restart). JavaScript runs one
 * callback at a time, so the check and the write cannot interleave.
 * @example createEdge({ segment, rules: { store: memoryStore(), editors } })
 */
export function memoryStore(): RulesStore {
  const records = new Map<string, string>();
  return {
    get: async (key) => records.get(checkKey(key)),
    async put(key, value) {
      if (records.has(checkKey(key))) return false;
      records.set(key, value);
      return true;
    },
    list: async (prefix) => [...records.keys()].filter((key) => key.startsWith(prefix)).sort(),
  };
}
