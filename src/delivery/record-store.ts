// Touches indexedDB and localStorage: where the durable buffer keeps one destination's events.
import { promisifyRequest } from 'idb-keyval';

/** Where the buffer keeps events: the `buffer.storage` option, and the order of the fallback chain. */
export type StorageKind = 'indexeddb' | 'localstorage' | 'memory';
export const STORAGE_KINDS: readonly StorageKind[] = ['indexeddb', 'localstorage', 'memory'];

/** Writes by messageId: a record to put, or null to delete. */
export type Writes = Map<string, object | null>;

/** One destination's records in one storage. Every method may reject; the buffer then falls back. */
export interface RecordStore {
  /** Applies writes in order: in one transaction, or in several one after another when they take long (SLICE_MS). */
  write(writes: Writes): Promise<void>;
  /** Reads every record and applies the writes `change` returns, atomically (one IndexedDB transaction). */
  edit(change: (records: Map<string, unknown>) => Writes): Promise<void>;
}

/** The open connection to tally's database, or undefined once closed (the next operation opens it again). */
let connection: Promise<IDBDatabase> | undefined;
let closesOnPagehide = false;
/**
 * From pagehide to pageshow the page may be frozen or torn down before any later task: what is left of a write goes in
 * one transaction, not in slices, and reads are not paged.
 */
let leaving = false;

/** The page hides (unload, or the back/forward cache): writes stop being sliced; the connection closes. */
function onPagehide(): void {
  leaving = true;
  closeDatabase();
}

/**
 * The connection to the `tally` database (object store `buffer`), opened on first use. It is closed on `pagehide`: a
 * connection that lives on into the back/forward cache stalled WebKit's IndexedDB after a quick navigation (issue 13);
 * the next operation, on a restored page, opens a new one.
 */
function database(): Promise<IDBDatabase> {
  if (!closesOnPagehide) {
    closesOnPagehide = true;
    addEventListener('pagehide', onPagehide);
    addEventListener('pageshow', () => {
      leaving = false;
    });
  }
  if (!connection) {
    const request = indexedDB.open('tally');
    request.onupgradeneeded = () => request.result.createObjectStore('buffer');
    const opened = promisifyRequest(request);
    connection = opened;
    opened.then(
      (db) => {
        db.onclose = () => closeDatabase(); // closed by the browser (storage cleared)
        db.onversionchange = () => closeDatabase();
      },
      () => {
        if (connection === opened) connection = undefined;
      },
    );
  }
  return connection;
}

/** Closes the connection once its transactions are done; the next operation opens a new one. */
function closeDatabase(): void {
  const closing = connection;
  connection = undefined;
  void closing?.then(
    (db) => db.close(),
    () => undefined,
  );
}

/** A readwrite transaction on `buffer`; a connection closed meanwhile (pagehide) is opened again once. */
async function openTransaction(): Promise<IDBTransaction> {
  try {
    return (await database()).transaction('buffer', 'readwrite');
  } catch {
    closeDatabase();
    return (await database()).transaction('buffer', 'readwrite');
  }
}

/**
 * How long one transaction of a write's puts and deletes may run before the rest waits for a later task: a burst of
 * 1,000 events took 75-110 ms of structured cloning in one task, a long task that delays the page's input (issue 26).
 */
export const SLICE_MS = 8;

/**
 * Puts and deletes `entries` in `store`, in order, until `limitMs` have passed (never cut while the page hides); returns
 * whether some are left. The caller then commits: explicitly, so that no transaction waits on this page's next task
 * (a page frozen in the back/forward cache with one open held WebKit's database for seconds).
 */
function putUntil(store: IDBObjectStore, queue: string, entries: IterableIterator<[string, object | null]>, limitMs: number): boolean {
  const until = performance.now() + limitMs;
  for (let next = entries.next(); !next.done; next = entries.next()) {
    const [id, value] = next.value;
    if (value) store.put(value, [queue, id]);
    else store.delete([queue, id]);
    if (!leaving && performance.now() >= until) return true;
  }
  return false;
}

/** Records read per request: reading (and so deserialising) 1,000 buffered events at once took 20-45 ms in one task. */
export const READ_PAGE = 200;

/**
 * Reads every record of `range` in pages of READ_PAGE, each page in the success callback of the one before (a task of
 * its own, the transaction active again), and hands them all to `done`, in key order.
 */
function readInPages(store: IDBObjectStore, range: IDBKeyRange, done: (records: Map<string, unknown>) => void): void {
  const records = new Map<string, unknown>();
  const page = (from: IDBKeyRange) => {
    const count = leaving ? undefined : READ_PAGE;
    const keys = store.getAllKeys(from, count);
    const values = store.getAll(from, count);
    values.onsuccess = () => {
      keys.result.forEach((key, i) => records.set((key as string[])[1], values.result[i]));
      if (!count || keys.result.length < count) return done(records);
      page(IDBKeyRange.bound(keys.result[keys.result.length - 1], range.upper, true));
    };
  };
  page(range);
}

/** The `queue` records in IndexedDB, keyed `[queue, messageId]` in one shared object store. */
function openIndexedDb(queue: string): RecordStore {
  const range = IDBKeyRange.bound([queue], [queue, []]);
  // Callbacks, not promises, keep a transaction open between its read and its writes.
  const transact = async (run: (store: IDBObjectStore) => void) => {
    const store = (await openTransaction()).objectStore('buffer');
    const done = promisifyRequest(store.transaction);
    run(store);
    return done;
  };
  // Commit now rather than when the task ends: a page that is unloading may not get that far.
  const commit = (store: IDBObjectStore) => store.transaction.commit?.();
  // One operation after another: a sliced write's later transactions must not land after a later write's (a delete
  // overtaken by the put it deletes would bring a delivered event back).
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = (operation: () => Promise<void>) => {
    const run = last.then(operation, operation);
    last = run.catch(() => undefined);
    return run;
  };
  return {
    // Each record stands alone, so a long write goes in several transactions, one after another, each in a task of its own.
    write: (writes) =>
      inTurn(async () => {
        const entries = writes.entries();
        for (let left = true; left;)
          await transact((store) => {
            left = putUntil(store, queue, entries, SLICE_MS);
            commit(store);
          });
      }),
    // Read and written in one transaction (another tab must not lease the same records in between): not sliced.
    edit: (change) =>
      inTurn(() =>
        transact((store) =>
          readInPages(store, range, (records) => {
            putUntil(store, queue, change(records).entries(), Infinity);
            commit(store);
          }),
        ),
      ),
  };
}

/** Records in a Map that `load` reads, saved after each change by `save` (localStorage) or kept in memory only. */
function openMap(load: () => Map<string, unknown>, save: (records: Map<string, unknown>) => void = () => undefined): RecordStore {
  const edit = async (change: (records: Map<string, unknown>) => Writes) => {
    const records = load();
    change(records).forEach((value, id) => {
      if (value) records.set(id, value);
      else records.delete(id);
    });
    save(records);
  };
  return { edit, write: (writes) => edit(() => writes) };
}

/** The localStorage key of a queue's records when localStorage is the buffer. */
const bufferKey = (queue: string) => `tally.buffer.${queue}`;
/** The localStorage key of part `part` of a page view's journal: `tally.journal.<queue> <page view> <part>`. */
const journalKey = (queue: string, owner?: string, part?: number) =>
  owner === undefined ? `tally.journal.${queue} ` : `tally.journal.${queue} ${owner} ${part}`;
/** Records saved in localStorage under `key`, by messageId. */
const readRecords = (key: string): Array<[string, unknown]> => Object.entries(JSON.parse(localStorage.getItem(key) || '{}'));

/**
 * Saves part `part` of a page view's journal: writes that may not reach IndexedDB before the page is torn down.
 * localStorage writes are synchronous, IndexedDB's are not. A later part's writes supersede an earlier one's.
 */
export function saveJournal(queue: string, owner: string, writes: Writes, part: number): void {
  try {
    localStorage.setItem(journalKey(queue, owner, part), JSON.stringify(Object.fromEntries(writes)));
  } catch {
    // no localStorage, or full: IndexedDB alone then
  }
}

/** Removes the `parts` parts of a page view's journal, once IndexedDB confirmed every write they hold. */
export function removeJournal(queue: string, owner: string, parts: number): void {
  try {
    for (let part = 0; part < parts; part++) localStorage.removeItem(journalKey(queue, owner, part));
  } catch {
    // no localStorage: nothing was saved
  }
}

/** Orders journal parts: an older page view's first (page view ids are ULIDs, which sort by time), then by part. */
function olderFirst(a: { owner: string; part: number }, b: { owner: string; part: number }): number {
  if (a.owner !== b.owner) return a.owner < b.owner ? -1 : 1;
  return a.part - b.part;
}

/** What earlier page views left outside IndexedDB (journals, and records of a localStorage fallback), and a function that removes it once applied. */
export function readLeftovers(queue: string): { writes: Writes; clear(keepRecords: boolean): void } {
  const writes: Writes = new Map();
  let keys: string[] = [];
  try {
    // The records of a localStorage fallback, then the journals: oldest page view first (a ULID sorts by time), each
    // page view's parts in the order written.
    const journals = Object.keys(localStorage)
      .filter((key) => key.startsWith(journalKey(queue)))
      .map((key) => ({ key, owner: key.slice(0, key.lastIndexOf(' ')), part: Number(key.slice(key.lastIndexOf(' ') + 1)) }))
      .sort(olderFirst);
    keys = [...Object.keys(localStorage).filter((key) => key === bufferKey(queue)), ...journals.map((journal) => journal.key)];
    for (const key of keys) for (const [id, value] of readRecords(key)) writes.set(id, value as object | null);
  } catch {
    // unreadable: what was read so far is applied
  }
  return {
    writes,
    clear(keepRecords) {
      const kept = keepRecords ? bufferKey(queue) : undefined;
      for (const key of keys) if (key !== kept) localStorage.removeItem(key);
    },
  };
}

/** Opens one queue's records in a storage; throws when that storage is missing. */
export function openRecordStore(kind: StorageKind, queue: string): RecordStore {
  const key = bufferKey(queue);
  if (kind === 'indexeddb') return openIndexedDb(queue);
  if (kind === 'memory') {
    const records = new Map<string, unknown>();
    return openMap(() => records);
  }
  localStorage.getItem(key); // throws here when storage is blocked, so the chain moves on at once
  return openMap(
    () => {
      try {
        return new Map(readRecords(key));
      } catch {
        return new Map(); // unreadable JSON: start afresh rather than fail forever
      }
    },
    // An empty queue leaves no key behind (a drained queue of an earlier configuration, say).
    (records) => (records.size ? localStorage.setItem(key, JSON.stringify(Object.fromEntries(records))) : localStorage.removeItem(key)),
  );
}
