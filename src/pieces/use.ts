// How the core reaches an on-demand piece: load it once, call it, and report a piece that cannot be loaded (one console
// error naming the file and what needs it, from the piece table; an `error` event): never silent.
import { logError } from '../errors';
import { PIECE_TABLE } from './table';
import { noKindPieces } from './loader';
import type { KindPieceName, LoadPiece, PieceContext, PieceName, Pieces } from './contract';
import type { LoadKind } from '../triggers/trigger';

/** The core's access to the pieces. */
export interface PieceUser {
  /** Loads a piece; a failure is reported once per piece, then rethrown. */
  load: LoadPiece;
  /** Loads a piece and runs `run` with it, for calls nobody awaits: a failure is reported or logged, never thrown. */
  later<K extends PieceName>(name: K, run: (piece: Pieces[K]) => void): void;
  /** Loads a trigger kind's piece; a failure is reported once per piece, then rethrown. */
  loadKind: LoadKind;
}

/** The error event a page can listen for: `analytics.on('error', ({ code, piece }) => ...)`. */
export interface PieceUnavailable {
  code: 'piece_unavailable';
  piece: PieceName | KindPieceName;
  reason: unknown;
}

/** What a trigger kind's piece is needed by, for its console error (the core does not know the kinds: src/triggers/ does). */
const KIND_NEEDED_BY = 'the rules of its trigger kind need it; they do not fire (the other kinds keep working)';

/**
 * Wraps `load` so each piece that cannot be loaded is reported once: a console error naming its file's URL (the loader's
 * message) and what needs it (the table's `neededBy`), and an `error` event `{ code: 'piece_unavailable', piece }`.
 * @example createPieceUser(emitter, createScriptLoader(base)).later('picker', (picker) => picker.startPicker(context))
 */
export function createPieceUser(
  emitter: PieceContext['emitter'],
  load: LoadPiece,
  table = PIECE_TABLE,
  kinds: LoadKind = noKindPieces,
): PieceUser {
  const reported = new Set<string>();
  const report = (name: PieceName | KindPieceName, reason: unknown) => {
    if (reported.has(name)) return;
    reported.add(name);
    const message = reason instanceof Error ? reason.message : String(reason);
    const neededBy = table.find((row) => row.name === name)?.neededBy ?? KIND_NEEDED_BY;
    logError(`${message}: ${neededBy}. Host every file of dist/ together.`);
    const event: PieceUnavailable = { code: 'piece_unavailable', piece: name, reason };
    emitter.emit('error', event);
  };
  const loadPiece: LoadPiece = (name) =>
    load(name).catch((reason: unknown) => {
      report(name, reason);
      throw reason;
    });
  const loadKind: LoadKind = (piece) => {
    const kind = kinds(piece);
    return 'runtime' in kind
      ? kind
      : kind.catch((reason: unknown) => {
          report(`kind-${piece}`, reason);
          throw reason;
        });
  };
  return {
    load: loadPiece,
    loadKind,
    later(name, run) {
      // A load failure was reported above; an error the piece throws is logged.
      loadPiece(name)
        .then(run)
        .catch((error: unknown) => {
          if (!reported.has(name)) logError(error);
        });
    },
  };
}
