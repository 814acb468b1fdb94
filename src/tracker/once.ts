// Touches sessionStorage and history: `once: 'page' | 'session'`, the rules that have already fired in this page view
// (memory; a single-page-app route change starts a new one) or in this session (the tab's sessionStorage). Before
// consent lets tally store anything, the session's list is kept in memory only, and written at the first look after.
import { attempt } from '../errors';
import { listenForUrlChanges } from './url-changes';
import type { Definition } from '../rules/types';

/** What `once` may say. */
export const ONCE_SCOPES = ['page', 'session'] as const;

/** The sessionStorage key of the rules fired once this session: `{ session, names }`. */
export const ONCE_KEY = 'tally_once';

/**
 * The session `once: 'session'` counts in without the core's sessions (`session: false`): the tab's, whose sessionStorage
 * lives exactly as long as it. With them, the tracker passes the core's session id instead, so a list kept for an
 * earlier (timed out or reset) session no longer counts.
 */
export const currentSession = (): string => 'tab';

/** The session `once: 'session'` counts in, as `createOnceLimit` reads it: the core's session id, else the tab's. */
export const sessionKeyOf = (sessionId?: () => number | undefined) => (): string => String(sessionId?.() ?? currentSession());

/** The words a spent rule is explained with (the preview's miss). */
export const spentWords = (definition: Pick<Definition, 'once'>): string =>
  `already fired once this ${definition.once === 'session' ? 'session' : 'page view'}`;

/** The names of the rules fired once in the current session, as stored (none when unreadable or of another session). */
export function readSessionNames(session: string = currentSession()): string[] {
  const stored = attempt(() => JSON.parse(sessionStorage.getItem(ONCE_KEY) ?? 'null') as { session?: unknown; names?: unknown } | null);
  return stored?.session === session && Array.isArray(stored.names) ? stored.names.filter((name) => typeof name === 'string') : [];
}

/** The firing limit of the rules with `once`. */
export interface OnceLimit {
  /** Why the rule may not fire now (`already fired once this page view`), or undefined when it may. */
  spent(definition: Definition): string | undefined;
  /** Records that the rule fired. */
  fired(definition: Definition): void;
}

/**
 * Creates the limit; `storing()` says whether consent lets tally write storage now, `sessionOf()` which session is
 * current (the core's session id; the tab's by default).
 * @example const once = createOnceLimit(() => host.storage.allowed()); if (!once.spent(rule)) { send(); once.fired(rule); }
 */
export function createOnceLimit(storing: () => boolean, sessionOf: () => string = currentSession): OnceLimit {
  let page = new Set<string>();
  let current = sessionOf();
  let session = new Set(readSessionNames(current));
  // A session that timed out or was reset while the page was open starts an empty list.
  const follow = () => {
    if (sessionOf() === current) return;
    current = sessionOf();
    session = new Set(readSessionNames(current));
  };
  let watching = false;
  let unsaved = false;
  const setOf = (definition: Definition) => (definition.once === 'session' ? session : page);
  // Writes the session's list once consent allows it: at the firing, or at the first look after a later grant.
  const save = () => {
    if (!unsaved || !storing()) return;
    unsaved = false;
    attempt(() => sessionStorage.setItem(ONCE_KEY, JSON.stringify({ session: current, names: [...session] })));
  };
  return {
    spent(definition) {
      if (!definition.once) return undefined;
      follow();
      save();
      return setOf(definition).has(definition.name) ? spentWords(definition) : undefined;
    },
    fired(definition) {
      if (!definition.once) return;
      follow();
      setOf(definition).add(definition.name);
      unsaved ||= definition.once === 'session';
      save();
      if (definition.once === 'page' && !watching) {
        // Only a page whose rules fire once per page view follows its route changes.
        watching = true;
        listenForUrlChanges(() => {
          page = new Set();
        });
      }
    },
  };
}
