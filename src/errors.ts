// tally's typed errors, checked with instanceof, the one place that writes to the console, and the one try/catch
// (attempt, safely). It imports nothing, so every stage can use it without reaching up.

/** Base class of every error tally raises internally. */
export class TallyError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'TallyError';
  }
}

/** Describes a value for a message: `"x"` (a string, cut to 40 characters), `3`, `true`, `null`, `an array`, `an object`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return value && typeof value === 'object' ? 'an object' : String(value);
}

/** Where every code is explained, in tally's repository (one anchor per code: `#t104`). */
export const TROUBLESHOOTING = 'docs/troubleshooting.md';

/** The sentences of the codes (the messages piece, src/messages/catalog.ts): each takes the problem, returns its detail. */
export type Catalog = Readonly<Record<string, (problem: ConfigError) => string>>;

let catalog: Catalog | undefined;
/** Puts the sentences in force: the messages piece's, once it is here (the core carries codes only). */
export const useCatalog = (sentences: Catalog | undefined): void => {
  catalog = sentences;
};

/**
 * A config option or a call argument that tally cannot use; `field` names it, e.g. `flushAt` or `events["Signup"].selector`.
 * A problem the core finds has a `code` (docs/troubleshooting.md), its `value` and what its sentence needs (`args`): the
 * sentence comes from the messages piece, and without it the message is the code, the field, the value and the docs anchor.
 */
export class ConfigError extends TallyError {
  constructor(
    readonly field: string,
    /** What is wrong with the field, without its name (a piece's own text; empty for a coded problem). */
    readonly text: string,
    readonly code?: string,
    readonly value?: unknown,
    readonly args: readonly unknown[] = [],
  ) {
    super();
    this.name = 'ConfigError';
  }

  /** What is wrong with the field, without its name. */
  get detail(): string {
    const sentence = this.code && catalog?.[this.code];
    return sentence ? sentence(this) : this.text || `${this.code} = ${describe(this.value)}`;
  }

  get message(): string {
    return this.code && !catalog
      ? `${this.code} ${this.field} = ${describe(this.value)} (see ${TROUBLESHOOTING}#${this.code.toLowerCase()})`
      : `${this.field}: ${this.detail}`;
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

/**
 * How messages name one event: its type, and its name where it has one (a track's event, a page's name, else its path);
 * an identify or alias by its person and a group by its id, so `identify user-123` is told apart from the page it was on.
 */
export function describeEvent(event: {
  type: string;
  event?: string;
  name?: string;
  userId?: string | null;
  groupId?: string | null;
  context?: { page?: { path?: string } };
}): string {
  const { type } = event;
  if (type === 'identify' || type === 'alias' || type === 'group') {
    const who = type === 'group' ? event.groupId : event.userId;
    return who ? `${type} ${who}` : type;
  }
  const name = type === 'track' ? event.event : (event.name ?? event.context?.page?.path);
  return name ? `${type} ${JSON.stringify(name)}` : type;
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

/** How the core fetches the sentences (the messages piece) the first time it has a coded problem to say; unset: codes only. */
let fetchCatalog: (() => Promise<Catalog>) | undefined;
/** Messages waiting, in order, while the sentences load. */
let waiting: Array<() => void> | undefined;
/** Sets how the sentences are fetched when there is something to say (the instance's piece loader). */
export const fetchCatalogWith = (fetch: (() => Promise<Catalog>) | undefined): void => {
  fetchCatalog = fetch;
};

/**
 * Says a message once: a coded problem waits for the messages piece (fetched then, once), and every message after it
 * waits too, so the console keeps their order. Without the piece, a coded problem is said as its code, field, value and
 * docs anchor.
 */
function say(level: 'error' | 'warn', message: unknown): void {
  const print = () => once(level, message instanceof Error ? message.message : String(message));
  const fetch = fetchCatalog;
  if (fetch && !catalog && !waiting && message instanceof ConfigError && message.code) {
    const queued: Array<() => void> = [];
    waiting = queued;
    fetchCatalog = undefined; // asked once: a piece that cannot load is not asked for again
    new Promise<Catalog>((resolve) => resolve(fetch()))
      .then(useCatalog, () => undefined)
      .then(() => {
        waiting = undefined;
        queued.forEach((run) => run());
      });
  }
  if (waiting) waiting.push(print);
  else print();
}

/** Logs an error to the console once per distinct message. */
export const logError = (error: unknown): void => say('error', error);

/** Logs a warning once per distinct message. */
export const logWarning = (text: unknown): void => say('warn', text);

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
