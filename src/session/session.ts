// The visitor's session: its id is its start time in ms (as Amplitude expects), renewed after `timeoutMs` without an
// event. Pure over a SessionStore and the times it is given: the cached value serves every event, and storage is read
// only at the first event and when the cache says the session ended (another tab may have kept it alive).

/** A session as it is kept: its id (start time, ms) and the time of its last event (ms). */
export interface SavedSession {
  id: number;
  lastAccess: number;
}

/** Where a session is kept between pages and tabs (localStorage, or nothing while storage is closed). */
export interface SessionStore {
  read(): SavedSession | undefined;
  /** false: not written (storage closed or blocked), so it is tried again at the next event. */
  write(saved: SavedSession): boolean;
}

/** What an event learns of its session: the id, and whether it is the session's first event. */
export interface SessionMark {
  id: number;
  start: boolean;
}

/** One origin's session as this tab sees it. */
export interface Session {
  /** The session of an event made at `now` (renewed when the last one timed out); counts as activity. */
  touch(now: number): SessionMark;
  /** The id the next event would carry, without counting as activity (a timed-out session is renewed). */
  id(now: number): number;
  /** Starts a new session now (analytics.reset()). */
  reset(now: number): void;
  /** Writes what is not written yet (the page hides, storage opens). */
  save(now: number): void;
  /** Takes what another tab wrote (a `storage` event): its session is this tab's too. */
  reload(): void;
}

/** The last access is written back at most this often: one storage write per second at most, not one per event. */
export const WRITE_INTERVAL_MS = 1000;

/**
 * A session kept in `store`, renewed after `timeoutMs` of inactivity.
 * @example const session = createSession(store, 30 * 60_000); session.touch(Date.now()).id // 1765140000000
 */
export function createSession(store: SessionStore, timeoutMs: number): Session {
  let current: SavedSession | undefined;
  let loaded = false;
  // The next event is the first of a session this tab started.
  let starting = false;
  let writtenAt = -Infinity;
  let dirty = false;

  const ended = (saved: SavedSession | undefined, now: number): saved is undefined => !saved || now - saved.lastAccess >= timeoutMs;
  const write = (now: number) => {
    dirty = !(current && store.write(current));
    if (!dirty) writtenAt = now;
  };
  const start = (now: number) => {
    current = { id: now, lastAccess: now };
    starting = true;
    write(now);
    return current;
  };
  /** The session in force at `now`, read from the store at first and whenever the cached one looks over. */
  const live = (now: number): SavedSession => {
    if (!loaded || ended(current, now)) {
      loaded = true;
      const stored = store.read();
      if (stored && (!current || stored.lastAccess > current.lastAccess)) current = stored;
    }
    return ended(current, now) ? start(now) : current;
  };

  return {
    touch(now) {
      const session = live(now);
      session.lastAccess = Math.max(session.lastAccess, now);
      if (now - writtenAt >= WRITE_INTERVAL_MS) write(now);
      else dirty = true;
      const mark = { id: session.id, start: starting };
      starting = false;
      return mark;
    },
    id: (now) => live(now).id,
    reset: (now) => void start(now),
    save(now) {
      if (dirty) write(now);
    },
    reload() {
      const stored = store.read();
      if (!stored || stored.id === current?.id) {
        if (stored && current) current.lastAccess = Math.max(current.lastAccess, stored.lastAccess);
        return;
      }
      // Another tab started this session: its first event was that tab's.
      current = stored;
      starting = false;
    },
  };
}
