// Reads the `session` option into what the core's session needs: its timeout, or null for no sessions.
import { fieldsOf, isPlainObject, type Problems } from '../config/readers';

/** Amplitude's and analytics.js's plugin's default: 30 minutes without an event end a session. */
export const DEFAULT_SESSION_TIMEOUT_MINUTES = 30;
/** The longest timeout taken: one day. */
const MAX_SESSION_TIMEOUT_MINUTES = 24 * 60;

/** Sessions as configured: how long without an event ends one. */
export interface SessionConfig {
  timeoutMs: number;
}

/**
 * `session`: on by default; `false` turns sessions off; `{ timeoutMinutes }` (a number above 0, at most a day; a
 * fraction is taken, for tests) sets the timeout.
 * @example readSession(problems, 'session', { timeoutMinutes: 20 }) // { timeoutMs: 1200000 }
 */
export function readSession(problems: Problems, field: string, value: unknown): SessionConfig | null {
  if (value === false) return null;
  // T112: the sentence (expected false or { timeoutMinutes }) comes from the messages piece.
  if (value !== undefined && value !== true && !isPlainObject(value)) problems.flag('T112', field, value);
  const read = fieldsOf(problems, field, isPlainObject(value) ? value : undefined);
  const minutes = read('timeoutMinutes', readMinutes);
  read.unknown();
  return { timeoutMs: minutes * 60_000 };
}

/** `timeoutMinutes`: above 0, at most a day; otherwise reported, and the default kept. */
function readMinutes(problems: Problems, field: string, value: unknown): number {
  if (value === undefined) return DEFAULT_SESSION_TIMEOUT_MINUTES;
  if (typeof value === 'number' && value > 0 && value <= MAX_SESSION_TIMEOUT_MINUTES) return value;
  problems.flag('T113', field, value, DEFAULT_SESSION_TIMEOUT_MINUTES, MAX_SESSION_TIMEOUT_MINUTES);
  return DEFAULT_SESSION_TIMEOUT_MINUTES;
}
