// @vitest-environment happy-dom
// The session's storage: analytics.js's keys and format, nothing while storage is closed, another tab's writes taken
// through the storage event, and a write on hide.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, LAST_ACCESS_KEY, SESSION_KEY, watchSession } from '../../src/session/storage';
import type { Session } from '../../src/session/session';

afterEach(() => localStorage.clear());

describe('createSessionStore', () => {
  it("reads and writes analytics.js's keys as decimal ms; ignores what is not a time", () => {
    const store = createSessionStore(() => true);
    expect(store.write({ id: 1765140000000, lastAccess: 1765140005000 })).toBe(true);
    expect([localStorage.getItem(SESSION_KEY), localStorage.getItem(LAST_ACCESS_KEY)]).toEqual(['1765140000000', '1765140005000']);
    expect(store.read()).toEqual({ id: 1765140000000, lastAccess: 1765140005000 });
    localStorage.setItem(SESSION_KEY, 'abc');
    expect(store.read()).toBeUndefined();
  });

  it('reads and writes nothing while storage is closed', () => {
    localStorage.setItem(SESSION_KEY, '1');
    localStorage.setItem(LAST_ACCESS_KEY, '2');
    const store = createSessionStore(() => false);
    expect(store.read()).toBeUndefined();
    expect(store.write({ id: 5, lastAccess: 6 })).toBe(false);
    expect(localStorage.getItem(SESSION_KEY)).toBe('1');
  });
});

describe('watchSession', () => {
  it("reloads on another tab's write of either key, and saves when the page hides", () => {
    const session = { reload: vi.fn(), save: vi.fn() } as unknown as Session;
    watchSession(session);
    dispatchEvent(new StorageEvent('storage', { key: SESSION_KEY }));
    dispatchEvent(new StorageEvent('storage', { key: 'other' }));
    dispatchEvent(new StorageEvent('storage', { key: LAST_ACCESS_KEY }));
    expect(session.reload).toHaveBeenCalledTimes(2);
    dispatchEvent(new Event('pagehide'));
    expect(session.save).toHaveBeenCalledTimes(1);
  });
});
