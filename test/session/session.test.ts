// The session: its id is its start time, it lasts while events come within the timeout, it is read from storage only at
// the first event and when it looks over (another tab may have kept it alive), written at most once a second, shared
// with the tabs whose writes arrive, and new on reset.
import { describe, expect, it } from 'vitest';
import { createSession, type SavedSession, type SessionStore } from '../../src/session/session';

const MINUTE = 60_000;
const T0 = 1_765_140_000_000;

/** A store that counts its reads and writes; `saved` is what another tab would see. */
function store(initial?: SavedSession) {
  const counts = { reads: 0, writes: 0 };
  let saved = initial && { ...initial };
  const value: SessionStore = {
    read() {
      counts.reads += 1;
      return saved && { ...saved };
    },
    write(next) {
      counts.writes += 1;
      saved = { ...next };
      return true;
    },
  };
  return {
    store: value,
    counts,
    saved: () => saved,
    set(next: SavedSession) {
      saved = next;
    },
  };
}

describe('createSession', () => {
  it('starts a session at the first event, its id the start time, marked as its start once', () => {
    const { store: kept, saved } = store();
    const session = createSession(kept, 30 * MINUTE);
    expect(session.touch(T0)).toEqual({ id: T0, start: true });
    expect(session.touch(T0 + 5)).toEqual({ id: T0, start: false });
    expect(saved()?.id).toBe(T0);
  });

  it('keeps the session while events come within the timeout, and renews it after', () => {
    const session = createSession(store().store, 30 * MINUTE);
    session.touch(T0);
    expect(session.touch(T0 + 29 * MINUTE).id).toBe(T0);
    expect(session.touch(T0 + 58 * MINUTE).id).toBe(T0);
    expect(session.touch(T0 + 88 * MINUTE)).toEqual({ id: T0 + 88 * MINUTE, start: true });
  });

  it("adopts a live session from storage (analytics.js's, or another tab's), and not a timed-out one", () => {
    const live = createSession(store({ id: T0, lastAccess: T0 + MINUTE }).store, 30 * MINUTE);
    expect(live.touch(T0 + 10 * MINUTE)).toEqual({ id: T0, start: false });
    const old = createSession(store({ id: T0, lastAccess: T0 }).store, 30 * MINUTE);
    expect(old.touch(T0 + 31 * MINUTE)).toEqual({ id: T0 + 31 * MINUTE, start: true });
  });

  it('reads storage only at the first event and when the cached session looks over', () => {
    const { store: kept, counts, set } = store();
    const session = createSession(kept, 30 * MINUTE);
    for (let i = 0; i < 100; i++) session.touch(T0 + i);
    expect(counts.reads).toBe(1);
    // Another tab kept the session alive meanwhile: this tab's cache looks over, storage says otherwise.
    set({ id: T0, lastAccess: T0 + 25 * MINUTE });
    expect(session.touch(T0 + 40 * MINUTE)).toEqual({ id: T0, start: false });
    expect(counts.reads).toBe(2);
  });

  it('writes the last access at most once a second, and what is left on save()', () => {
    const { store: kept, counts, saved } = store();
    const session = createSession(kept, 30 * MINUTE);
    for (let i = 0; i < 500; i++) session.touch(T0 + i);
    expect(counts.writes).toBe(1);
    session.touch(T0 + 1000);
    expect(counts.writes).toBe(2);
    session.touch(T0 + 1500);
    expect(saved()?.lastAccess).toBe(T0 + 1000);
    session.save(T0 + 1600);
    expect(saved()?.lastAccess).toBe(T0 + 1500);
    session.save(T0 + 1700);
    expect(counts.writes).toBe(3);
  });

  it("takes another tab's new session on reload(), whose start was that tab's", () => {
    const { store: kept, set } = store();
    const session = createSession(kept, 30 * MINUTE);
    session.touch(T0);
    set({ id: T0 + 5000, lastAccess: T0 + 5000 });
    session.reload();
    expect(session.touch(T0 + 6000)).toEqual({ id: T0 + 5000, start: false });
  });

  it('starts a new session on reset, marked as its start', () => {
    const { store: kept, saved } = store();
    const session = createSession(kept, 30 * MINUTE);
    session.touch(T0);
    session.reset(T0 + 10);
    expect(saved()?.id).toBe(T0 + 10);
    expect(session.touch(T0 + 20)).toEqual({ id: T0 + 10, start: true });
  });

  it('id() renews a timed-out session without counting as activity', () => {
    const { store: kept, saved } = store();
    const session = createSession(kept, 30 * MINUTE);
    session.touch(T0);
    expect(session.id(T0 + 10 * MINUTE)).toBe(T0);
    expect(saved()?.lastAccess).toBe(T0);
    expect(session.id(T0 + 31 * MINUTE)).toBe(T0 + 31 * MINUTE);
    expect(session.touch(T0 + 32 * MINUTE)).toEqual({ id: T0 + 31 * MINUTE, start: true });
  });
});
