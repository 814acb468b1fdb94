// The buffer's writes: each change is written ahead to storage at the end of the task (at once while the page hides),
// in one transaction per burst; what a hiding page has not seen confirmed is mirrored to the localStorage journal.
import { removeJournal, saveJournal, type Writes } from './record-store';
import type { StorageRunner } from './storage-runner';
import type { StoredItem } from './sort-out';

/** Writes of one burst of calls go in one transaction at the end of the task: as soon as possible, so a page torn down right after rarely needs the journal. */
export const COMMIT_DELAY_MS = 0;

/** The pending writes of one buffer. */
export interface WriteAhead {
  /** Records a write (null: delete) for the next commit. */
  write(id: string, item: StoredItem | null): void;
  /** Forgets a pending write another one supersedes (a lease written in the same transaction). */
  supersede(id: string): void;
  /** Whether a write of `id` is waiting to be handed over, or handed over and not yet confirmed. */
  pending(id: string): boolean;
  /** Hands the pending writes to storage; settles when they (and anything chained with `after`) are written. */
  commit(): Promise<void>;
  /** Commits at the end of the task, or at once while hiding. */
  touch(): void;
  /** Chains another storage operation into what commit() waits for. */
  after(operation: Promise<void>): void;
  /**
   * The page is hiding (visibilitychange or pagehide): until the next task, isHiding() is true; until show(), the page may
   * be torn down at any moment, so every write is committed at once and unconfirmed ones go to the journal too (an
   * answer's ack that arrives while the next page loads).
   */
  hide(): void;
  /** The page is visible again: writes wait for the end of the task again. */
  show(): void;
  /** Whether the page is hiding in this task (take() then skips storage, so that unload sends at once). */
  isHiding(): boolean;
}

/** What writing ahead needs: the runner, the queue's key and page view, and a hook told how many records were written. */
export interface WriteAheadOptions {
  runner: StorageRunner;
  key: string;
  owner: string;
  /** Told after each commit how many records it wrote; may return a storage operation to chain (the periodic trim). */
  onWritten(count: number): Promise<void> | undefined;
}

/** Creates the write-ahead of one buffer. */
export function createWriteAhead({ runner, key, owner, onWritten }: WriteAheadOptions): WriteAhead {
  let writes: Writes = new Map();
  const unsaved: Writes = new Map(); // handed to storage, not yet known to be written
  let journalParts = 0; // parts of the journal written since it was last removed
  let journalWhole = true; // the next part holds everything unconfirmed: the first since the page hid
  let committed: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hiding = false; // in the task the page hid in
  let hidden = false; // from hiding until shown again

  /** Marks a batch written; once nothing is unconfirmed, the journal is no longer needed. */
  function confirm(batch: Writes) {
    batch.forEach((value, id) => {
      if (unsaved.get(id) === value) unsaved.delete(id);
    });
    if (journalParts && !unsaved.size) {
      removeJournal(key, owner, journalParts); // all confirmed: no longer needed
      journalParts = 0;
    }
  }

  const writeAhead: WriteAhead = {
    hide() {
      if (!hidden) journalWhole = true;
      hiding = true;
      hidden = true;
      setTimeout(() => {
        hiding = false;
      });
    },
    show() {
      hidden = false;
    },
    isHiding: () => hiding,
    write: (id, item) => void writes.set(id, item),
    supersede: (id) => void writes.delete(id),
    pending: (id) => writes.has(id) || unsaved.has(id),
    after(operation) {
      committed = operation;
    },
    commit() {
      clearTimeout(timer);
      timer = undefined;
      const batch = writes;
      if (batch.size) {
        writes = new Map();
        batch.forEach((value, id) => unsaved.set(id, value));
        committed = runner.run((store) => store.write(batch)).then(() => confirm(batch));
        const trim = onWritten(batch.size);
        if (trim) committed = trim;
      }
      // A hiding page may be torn down before its IndexedDB transaction completes: what it has not confirmed goes to the
      // journal too. The first part since the page hid holds all of that, each later part only one commit's writes:
      // rewriting everything unconfirmed on each answer read while hidden made frames of 72-109 ms after a burst of
      // 1,000 events (issue 26).
      const part = journalWhole ? unsaved : batch;
      if ((hiding || hidden) && part.size && runner.kind() === 'indexeddb') {
        saveJournal(key, owner, part, journalParts++);
        journalWhole = false;
      }
      return committed;
    },
    touch() {
      if (hiding || hidden) void writeAhead.commit();
      else timer ??= setTimeout(writeAhead.commit, COMMIT_DELAY_MS);
    },
  };
  return writeAhead;
}
