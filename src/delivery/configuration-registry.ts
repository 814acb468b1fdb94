// Touches localStorage: which destination configurations have a queue on this site, with their non-secret settings, so
// that a page view with other settings still delivers what an earlier one left, with that one's settings.
import type { Configuration } from './configuration';

/** The localStorage key of the registry: `{ [queue key]: { settings, at } }`. */
export const REGISTRY_KEY = 'tally.queues';

/** A configuration as the registry keeps it: its non-secret settings, and when a page last used it. */
export interface RegisteredConfiguration {
  key: string;
  settings: Record<string, unknown>;
  complete: boolean;
  at: number;
}

/** Reads the registry; empty when localStorage is missing, blocked or holds something else. */
function read(): Record<string, RegisteredConfiguration> {
  try {
    const parsed = JSON.parse(localStorage.getItem(REGISTRY_KEY) || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Changes the registry; without localStorage, nothing is kept (nor is there a durable queue to drain later). */
function change(edit: (entries: Record<string, RegisteredConfiguration>) => void): void {
  try {
    const entries = read();
    edit(entries);
    localStorage.setItem(REGISTRY_KEY, JSON.stringify(entries));
  } catch {
    // no localStorage, or full: a later page view of another configuration will not drain this queue
  }
}

/** Whether a page view of this tally version kept a registry here before (true, too, when localStorage cannot be read). */
export function hasRegistry(): boolean {
  try {
    return localStorage.getItem(REGISTRY_KEY) !== null;
  } catch {
    return true;
  }
}

/** Records that this page view uses `configuration` (again): a later page view with other settings drains its queue. */
export function rememberConfiguration(configuration: Configuration, now = Date.now()): void {
  const { key, stored: settings, complete } = configuration;
  change((entries) => {
    entries[key] = { key, settings, complete, at: now };
  });
}

/** Forgets a configuration whose queue was found empty. */
export function forgetConfiguration(key: string): void {
  change((entries) => void delete entries[key]);
}

/** The other configurations of the same destination and writeKey (same `prefix`) that a page view once used. */
export function otherConfigurations(configuration: Configuration): RegisteredConfiguration[] {
  return Object.values(read()).filter(
    (entry) => typeof entry?.key === 'string' && entry.key.startsWith(configuration.prefix) && entry.key !== configuration.key,
  );
}
