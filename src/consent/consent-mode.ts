// Touches window.dataLayer: Google Consent Mode v2's state, folded from the `gtag('consent', 'default' | 'update', {...})`
// entries gtag pushes there (its `arguments` object), in order, later ones winning
// (developers.google.com/tag-platform/security/guides/consent).

/** The four Consent Mode v2 signals tally reads and carries. */
export const SIGNALS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'] as const;

/** Consent Mode as folded so far: each signal seen (true = 'granted'), and whether an 'update' has come. */
export interface ConsentModeState {
  signals: Record<string, boolean>;
  updated: boolean;
}

/** Folds one dataLayer entry into `state`; true when it was a consent command. */
export function foldEntry(state: ConsentModeState, entry: unknown): boolean {
  const args = entry as ArrayLike<unknown> | null;
  if (!args || typeof args !== 'object' || args[0] !== 'consent') return false;
  const [command, values] = [args[1], args[2] as Record<string, unknown> | null];
  if ((command !== 'default' && command !== 'update') || !values || typeof values !== 'object') return false;
  // A default for some regions only: tally cannot know the visitor's region (Google decides it from the IP).
  if (command === 'default' && values.region !== undefined) return false;
  for (const signal of SIGNALS) {
    const value = values[signal];
    if (value === 'granted' || value === 'denied') state.signals[signal] = value === 'granted';
  }
  if (command === 'update') state.updated = true;
  return true;
}

/** The signals as Google's APIs spell a consent status (`'GRANTED'` / `'DENIED'`), for `context.consent.googleConsentMode`. */
export function toConsentStatus(state: ConsentModeState): Record<string, string> | undefined {
  const entries = Object.entries(state.signals);
  return entries.length ? Object.fromEntries(entries.map(([signal, on]) => [signal, on ? 'GRANTED' : 'DENIED'])) : undefined;
}

/** Reads `window.dataLayer` incrementally: each call folds only the entries pushed since the last one. */
export function createConsentModeLog(): () => ConsentModeState {
  let layer: unknown;
  let seen = 0;
  let state: ConsentModeState = { signals: {}, updated: false };
  return () => {
    const current = (window as unknown as { dataLayer?: unknown }).dataLayer;
    if (current !== layer) {
      // A new array (the page replaced dataLayer): read it from the start.
      [layer, seen, state] = [current, 0, { signals: {}, updated: false }];
    }
    if (Array.isArray(current)) for (; seen < current.length; seen++) foldEntry(state, current[seen]);
    return state;
  };
}
