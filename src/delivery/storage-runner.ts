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

/**
 * Runs `operation` on `store`, rejecting once it has taken longer than STORAGE_TIMEOUT_MS. A timed-out `edit` whose
 * callback runs late changes nothing: the buffer has moved on to the next storage by then, and a late reading of the old
 * one must not forget or adopt events.
 */
function inTime(store: RecordStore, kind: StorageKind, operation: (store: RecordStore) => Promise<void>): Promise<void> {
  let expired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guarded: RecordStore = {
    write: (writes) => store.write(writes),
    edit: (change) => store.edit((records) => (expired ? new Map() : change(records))),
  };
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new Error(`${kind} did not answer within ${STORAGE_TIMEOUT_MS} ms`));
    }, STORAGE_TIMEOUT_MS);
  });
  return Promise.race([operation(guarded), late]).finally(() => clearTimeout(timer));
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
        const writeSeed = seed;
        if (writeSeed) await inTime(store, kind, (open) => open.write(writeSeed));
        seed = undefined;
        return await inTime(store, kind, operation);
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
