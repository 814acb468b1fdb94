// Touches localStorage and window: keeps the session under the keys analytics.js's Amplitude (Actions) session plugin
// uses, in its format (decimal ms), so a visitor keeps their session when a site moves between analytics.js and tally.
import { attempt } from '../errors';
import { listenForHide } from '../delivery/lifecycle';
import { createSession, type SavedSession, type Session, type SessionStore } from './session';
import type { SessionConfig } from './options';

/** analytics.js's key of the session's id (segmentio/action-destinations, amplitude-plugins' sessionId). */
export const SESSION_KEY = 'analytics_session_id';
/** analytics.js's key of the session's last event time. */
export const LAST_ACCESS_KEY = 'analytics_session_id.last_access';

/** A time in ms as either writer leaves it: `1765140000000` (plain, or JSON, which is the same text); else undefined. */
const readTime = (text: string | null) => {
  const value = text === null ? NaN : parseInt(text, 10);
  return value > 0 ? value : undefined;
};

/**
 * The session in localStorage while `allowed()` (consent, bots); otherwise nothing is read or written and the session
 * lives in memory (Session's cache). Blocked storage reads as nothing.
 */
export function createSessionStore(allowed: () => boolean): SessionStore {
  return {
    read: () =>
      attempt(() => {
        if (!allowed()) return undefined;
        const id = readTime(localStorage.getItem(SESSION_KEY));
        const lastAccess = readTime(localStorage.getItem(LAST_ACCESS_KEY));
        return id && lastAccess ? { id, lastAccess } : undefined;
      }),
    write: (saved: SavedSession) =>
      attempt(() => {
        if (!allowed()) return false;
        localStorage.setItem(SESSION_KEY, String(saved.id));
        localStorage.setItem(LAST_ACCESS_KEY, String(saved.lastAccess));
        return true;
      }, false),
  };
}

/** Keeps `session` in step with the other tabs (their writes arrive as `storage` events), and writes it back on hide. */
export function watchSession(session: Session): void {
  addEventListener('storage', (event) => {
    if (event.key === SESSION_KEY || event.key === LAST_ACCESS_KEY) session.reload();
  });
  listenForHide(() => session.save(Date.now()));
}

/** The instance's session as `config` asks (undefined: `session: false`), kept while `allowed()`; `listen` watches the page. */
export function openSession(config: SessionConfig | null, allowed: () => boolean, listen: boolean): Session | undefined {
  if (!config) return undefined;
  const session = createSession(createSessionStore(allowed), config.timeoutMs);
  if (listen) watchSession(session);
  return session;
}
