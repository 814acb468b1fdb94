// Runs the buffer's storage operations down the fallback chain (IndexedDB, else localStorage, else memory): when a storage
// fails, the next one takes over, seeded with what this page view holds.
import { STORAGE_KINDS, openRecordStore, type RecordStore, type StorageKind, type Writes } from './record-store';

/** Runs operations on the storage in use; tells which one that is. */
export interface StorageRunner {
  /** Runs `operation` on the storage in use, moving down the chain when a storage fails; never rejects. */
  run(operation: (store: RecordStore) => Promise<void>): Promise<void>;
  /** The storage in use: the configured one, or the one the chain fell back to. */
  kind(): StorageKind;
}

/** What a runner needs: the queue's storage key, the configured storage, and what to seed a fallback with. */
export interface StorageRunnerOptions {
  key: string;
  storage: StorageKind;
  /** What this page view holds: the next storage in the chain starts with it. */
  snapshot(): Writes;
  /** Told when a storage fails and the next one takes over. */
  onFallback(kind: StorageKind, error: unknown): void;
}

/**
 * How long a storage operation may take before the storage is taken as broken and the next one in the chain takes over:
 * WebKit's IndexedDB could stop answering after a quick navigation with the page cache on (issue 13). Longer than a slow
 * machine takes to open IndexedDB (2 s in e2e/durable-reload.spec.ts): an operation that lands after its timeout leaves
 * its records in IndexedDB, which a later page view sends again (a duplicate the messageId makes harmless).
 */
export const STORAGE_TIMEOUT_MS = 3000;

/** `operation`, or a rejection once it has taken longer than `ms`. */
function inTime<T>(operation: Promise<T>, ms: number, kind: StorageKind): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${kind} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([operation, late]).finally(() => clearTimeout(timer));
}

/** Creates the runner of one buffer. */
export function createStorageRunner({ key, storage, snapshot, onFallback }: StorageRunnerOptions): StorageRunner {
  let kind = storage;
  let store: RecordStore | undefined;
  let seed: Writes | undefined;

  async function run(operation: (store: RecordStore) => Promise<void>): Promise<void> {
    for (;;) {
      const tried = kind;
      try {
        store ??= openRecordStore(kind, key);
        if (seed) await inTime(store.write(seed), STORAGE_TIMEOUT_MS, kind);
        seed = undefined;
        return await inTime(operation(store), STORAGE_TIMEOUT_MS, kind);
      } catch (error) {
        // An operation run alongside already moved down the chain: try again there.
        if (tried !== kind) continue;
        if (kind === 'memory') return;
        kind = STORAGE_KINDS[STORAGE_KINDS.indexOf(kind) + 1];
        store = undefined;
        seed = snapshot();
        onFallback(kind, error);
      }
    }
  }

  return { run, kind: () => kind };
}
