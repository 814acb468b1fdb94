// How the core reaches an on-demand piece: load it once, call one of its functions with the host, and report a piece that
// cannot be loaded (one console error naming the file and what needs it, an `error` event): never silent.
import { logError } from '../errors';
import type { Host } from '../api/types';
import type { LoadPiece, Pieces } from './loader';

/** The second half of the console error: which feature needs the piece, and what the page loses without it. */
const NEEDED_BY: Record<keyof Pieces, string> = {
  plan: 'the `plan` option needs it; events are sent unchecked',
  consent: 'the `consent` option needs it; events are held back and not sent',
  middleware: '`redact` and middleware need it; events are held back and not sent',
  extras: 'trackLink, trackForm and the ajs_ query string need it',
  debug: 'debug output needs it',
  rules: 'the `events` option needs it; events of a defined name are sent without their paths and toggles',
  tracker: 'the click, submit and page rules of `events` need it; they do not fire',
  customerio: "Customer.io's Track API needs it; Customer.io's events stay queued",
  picker: 'the picker needs it',
};

/** A piece's function, called with the host first. */
type Method<K extends keyof Pieces> = keyof Pieces[K];

/** The core's access to the pieces. */
export interface PieceUser {
  /** Loads a piece; a failure is reported once per piece, then rethrown. */
  load: LoadPiece;
  /** Loads a piece and calls one of its functions with the host (and `args`). */
  use<K extends keyof Pieces>(name: K, method: Method<K>, ...args: unknown[]): Promise<never>;
  /** `use` for calls nobody awaits: a failure is reported, never thrown. */
  later<K extends keyof Pieces>(name: K, method: Method<K>, ...args: unknown[]): void;
}

/** The error event a page can listen for: `analytics.on('error', ({ code, piece }) => ...)`. */
export interface PieceUnavailable {
  code: 'piece_unavailable';
  piece: keyof Pieces;
  reason: unknown;
}

/**
 * Wraps `load` so each piece that cannot be loaded is reported once: a console error naming its file's URL (the loader's
 * message) and what needs it, and an `error` event `{ code: 'piece_unavailable', piece }`.
 * @example createPieceUser(host, createScriptLoader(base)).later('debug', 'showDebug')
 */
export function createPieceUser(host: Pick<Host, 'emitter'>, load: LoadPiece): PieceUser {
  const reported = new Set<string>();
  const report = (name: keyof Pieces, reason: unknown) => {
    if (reported.has(name)) return;
    reported.add(name);
    const message = reason instanceof Error ? reason.message : String(reason);
    logError(`${message}: ${NEEDED_BY[name]}. Host every file of dist/ together.`);
    const event: PieceUnavailable = { code: 'piece_unavailable', piece: name, reason };
    host.emitter.emit('error', event);
  };
  const loadPiece = (<K extends keyof Pieces>(name: K) =>
    load(name).catch((reason: unknown) => {
      report(name, reason);
      throw reason;
    })) as LoadPiece;
  const use = <K extends keyof Pieces>(name: K, method: Method<K>, ...args: unknown[]): Promise<never> =>
    loadPiece(name).then((piece) => {
      const run = piece[method] as (host: unknown, ...rest: unknown[]) => never;
      return run(host, ...args);
    });
  return {
    load: loadPiece,
    use,
    later(name, method, ...args) {
      // A load failure was reported above; an error the piece's function throws is logged.
      use(name, method, ...args).catch((error: unknown) => {
        if (!reported.has(name)) logError(error);
      });
    },
  };
}
