// tally's typed errors, checked with instanceof, and the one place that writes to the console.

/** Base class of every error tally raises internally. */
export class TallyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TallyError';
  }
}

/** A config option or a call argument that tally cannot use; `field` names it, e.g. `flushAt` or `events["Signup"].selector`. */
export class ConfigError extends TallyError {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** An event a destination will never accept (too large, rejected for good). */
export class DeliveryError extends TallyError {
  constructor(readonly destination: string, readonly messageId: string, readonly reason: string) {
    super(`${destination} dropped event ${messageId}: ${reason}`);
    this.name = 'DeliveryError';
  }
}

const PREFIX = '[tally]';

/** Logs an error to the console once per distinct message, so a bad call in a loop does not flood it. */
export function logError(error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  if (logged.has(text)) return;
  logged.add(text);
  try {
    console.error(PREFIX, text);
  } catch {
    // A console that throws (some embedded webviews) must not reach the page.
  }
}
const logged = new Set<string>();

/** Logs a warning once per distinct message. */
export function logWarning(text: string): void {
  if (logged.has(text)) return;
  logged.add(text);
  try {
    console.warn(PREFIX, text);
  } catch {
    // see logError
  }
}

/** Debug output, shown only when `debug` is on. */
export function logDebug(enabled: boolean, ...args: unknown[]): void {
  if (!enabled) return;
  try {
    console.debug(PREFIX, ...args);
  } catch {
    // see logError
  }
}

/** `run()`'s result, or `fallback` when it throws (storage, cookies, parsers and some browser APIs throw in locked-down pages). */
export function attempt<T>(run: () => T, fallback?: T): T {
  try {
    return run();
  } catch {
    return fallback as T;
  }
}
