// Touches a Deno KV database (Deno.openKv(), Deno Deploy's KV). Deno KV has the check this store needs: an atomic
// operation that commits only if a key's versionstamp is still null (absent), so of two writers exactly one commits.
// A value is at most 64 KiB, so a record is kept in chunks, all set in that same atomic operation.
import { checkKey, type RulesStore } from './store';

/** The part of Deno.Kv the store uses (declared here: the edge's types do not depend on Deno's). */
export interface DenoKvLike {
  get(key: unknown[]): Promise<{ value: unknown }>;
  list(selector: { prefix: unknown[] }): AsyncIterable<{ key: unknown[]; value: unknown }>;
  atomic(): DenoKvAtomicLike;
}

/** The part of Deno.AtomicOperation the store uses. */
export interface DenoKvAtomicLike {
  check(...checks: { key: unknown[]; versionstamp: string | null }[]): DenoKvAtomicLike;
  set(key: unknown[], value: unknown): DenoKvAtomicLike;
  commit(): Promise<{ ok: boolean }>;
}

/** Characters per chunk: at most 3 UTF-8 bytes each, well under Deno KV's 64 KiB value limit. */
const CHUNK_CHARS = 20_000;
const ROOT = 'tally-rules';

/**
 * A store in a Deno KV database, under keys starting `["tally-rules"]`.
 * @example createEdge({ segment, rules: { store: denoKvStore(await Deno.openKv()), editors } })
 */
export function denoKvStore(kv: DenoKvLike): RulesStore {
  const keyOf = (key: string) => [ROOT, ...checkKey(key).split('/')];
  return {
    async get(key) {
      const chunks: string[] = [];
      for await (const entry of kv.list({ prefix: keyOf(key) })) chunks[entry.key[entry.key.length - 1] as number] = entry.value as string;
      return chunks.length ? chunks.join('') : undefined;
    },
    async put(key, value) {
      const at = keyOf(key);
      let operation = kv.atomic().check({ key: [...at, 0], versionstamp: null });
      for (let index = 0; index * CHUNK_CHARS < Math.max(value.length, 1); index++)
        operation = operation.set([...at, index], value.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS));
      return (await operation.commit()).ok;
    },
    async list(prefix) {
      const parts = prefix.split('/').filter(Boolean);
      const keys: string[] = [];
      for await (const entry of kv.list({ prefix: [ROOT, ...parts.slice(0, -1)] })) {
        if (entry.key[entry.key.length - 1] !== 0) continue;
        const key = entry.key.slice(1, -1).join('/');
        if (key.startsWith(prefix)) keys.push(key);
      }
      return keys.sort();
    },
  };
}
