// Retry decisions as pure functions: what an HTTP status means for a batch, and how long to wait before trying again.

/** What to do with the events of a request after its answer. */
export type Verdict = 'done' | 'retry' | 'split' | 'drop';

/** Retries stop after this many failed attempts of one event; the event is then dropped and reported. */
export const MAX_ATTEMPTS = 10;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 60_000;
/** Longest Retry-After honoured, as analytics-next caps it. */
export const RETRY_AFTER_MAX_MS = 300_000;
const JITTER = 0.1;

/**
 * The verdict for an HTTP status; 0 stands for a network error or a timeout.
 * Retried: network errors, 408, 410, 429, 460 and 5xx except 501, 505 and 511 (as analytics-next).
 * 400 and 413 split a batch in halves to isolate the bad event; other 4xx drop it.
 */
export function verdictFor(status: number): Verdict {
  if (status >= 200 && status < 300) return 'done';
  if (status === 400 || status === 413) return 'split';
  return [0, 408, 410, 429, 460].includes(status) || (status >= 500 && ![501, 505, 511].includes(status)) ? 'retry' : 'drop';
}

/**
 * Exponential backoff with ±10 % jitter: 500 ms, 1 s, 2 s, ... capped at 60 s.
 * @example backoffMs(3, () => 0.5) // 2000
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * A `Retry-After` header in ms from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at 5 minutes.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  // An absent or empty header parses as NaN below.
  const text = (header ?? '').trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), RETRY_AFTER_MAX_MS);
}
