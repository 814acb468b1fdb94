// tally's typed errors, checked with instanceof, the one place that writes to the console, and the one try/catch
// (attempt, safely). It imports nothing, so every stage can use it without reaching up.

/** Base class of every error tally raises internally. */
export class TallyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TallyError';
  }
}

/** A config option or a call argument that tally cannot use; `field` names it, e.g. `flushAt` or `events["Signup"].selector`. */
export class ConfigError extends TallyError {
  constructor(
    readonly field: string,
    /** What is wrong with the field, without its name. */
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * An event a destination will never accept (too large, rejected for good). The message names the event as the site wrote
 * it (`track "Order Completed"`, `page "/pricing"`, `identify`), then its messageId.
 */
export class DeliveryError extends TallyError {
  constructor(
    readonly destination: string,
    readonly messageId: string,
    readonly reason: string,
    readonly eventName = 'event',
  ) {
    super(`${destination} dropped ${eventName} (${messageId}): ${reason}`);
    this.name = 'DeliveryError';
  }
}

/** How messages name one event: its type, and its name where it has one (a page's name, else its path). */
export function describeEvent(event: { type: string; event?: string; name?: string; context?: { page?: { path?: string } } }): string {
  const name = event.type === 'track' ? event.event : (event.name ?? event.context?.page?.path);
  return name ? `${event.type} ${JSON.stringify(name)}` : event.type;
}

/** Writes to the console; a console that throws (some embedded webviews) must not reach the page. */
function write(level: 'error' | 'warn' | 'debug', ...args: unknown[]): void {
  try {
    console[level]('[tally]', ...args);
  } catch {
    // nothing to do: the page goes on without the message
  }
}

const logged = new Set<string>();
/** Forgets which messages were logged: a test seam, so no test depends on being the first to log a message. */
export const resetLogged = (): void => logged.clear();
/** Writes a message once per distinct text, so a bad call in a loop does not flood the console. */
function once(level: 'error' | 'warn', text: string): void {
  if (logged.has(text)) return;
  logged.add(text);
  write(level, text);
}

/** Logs an error to the console once per distinct message. */
export const logError = (error: unknown): void => once('error', error instanceof Error ? error.message : String(error));

/** Logs a warning once per distinct message. */
export const logWarning = (text: string): void => once('warn', text);

/** Debug output, shown only when `debug` is on. */
export function logDebug(enabled: boolean, ...args: unknown[]): void {
  if (enabled) write('debug', ...args);
}

/**
 * `run()`'s result, or `fallback` when it throws (storage, cookies, parsers and some browser APIs throw in locked-down
 * pages); `onError` hears what was thrown.
 */
export function attempt<T>(run: () => T, fallback?: T, onError?: (error: unknown) => void): T {
  try {
    return run();
  } catch (error) {
    onError?.(error);
    return fallback as T;
  }
}

/** `run()`'s result; an error it throws is logged, never thrown into the page. */
export const safely = <T>(run: () => T): T | undefined => attempt<T | undefined>(run, undefined, logError);
