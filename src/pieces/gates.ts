// The gates whose code is an on-demand piece, built from the piece table: one lazy gate per line with `gate`, in the
// table's order. Events pass untouched until a gate is filled; a gate that fails closed stops them when its piece is missing.
import { createLazyGate, type LazyGate } from '../pipeline/gates';
import { PIECE_TABLE } from './table';
import type { Config } from '../config/config';
import type { ConsentStart } from '../consent/start';
import type { AnyPieceRow, GateRow, GateType, LoadPiece, PieceContext, PieceName, PieceRow, Pieces } from './contract';

/** The piece gates of one instance. */
export interface PieceGates {
  /** Every piece gate, in the table's order (the order events pass them). */
  readonly list: readonly LazyGate[];
  /** The gate of the piece `name`, if its line has one. */
  get<K extends PieceName>(name: K): LazyGate<GateType<K>> | undefined;
  /** Fills each gate whose line asks for it at load (`atLoad`). */
  fillAtLoad(config: Config, consent: ConsentStart): void;
  /** stats()'s extra counts: what each fail-closed gate stopped while its piece was missing ("<name> piece unavailable"), and the gates' own counts. */
  stopped(): Record<string, number>;
}

/** One line's lazy gate: load its piece, then make the gate from it. */
function createPieceGate<K extends PieceName>(
  row: PieceRow<K>,
  gate: GateRow<Pieces[K], GateType<K>>,
  load: LoadPiece,
  context: PieceContext,
) {
  return createLazyGate(row.name, () => load(row.name).then((piece) => gate.create(piece, context)), gate.closed);
}

/**
 * The lazy gates for every line of `table` with a gate (a test seam may pass its own table).
 * @example createPieceGates(pieces.load, context).list
 */
export function createPieceGates(load: LoadPiece, context: PieceContext, table: readonly AnyPieceRow[] = PIECE_TABLE): PieceGates {
  const rows: AnyPieceRow[] = [];
  const list: LazyGate[] = [];
  for (const row of table) {
    if (!row.gate) continue;
    rows.push(row);
    list.push(createPieceGate(row, row.gate, load, context));
  }
  const byName = new Map<string, LazyGate>(list.map((gate) => [gate.name, gate]));
  return {
    list,
    // The line named `name` made this gate from GateRow<Pieces[K], GateType<K>>: its type is that line's.
    get: <K extends PieceName>(name: K) => byName.get(name) as LazyGate<GateType<K>> | undefined,
    fillAtLoad(config, consent) {
      rows.forEach((row, index) => row.gate?.atLoad?.(config, consent) && void list[index].fill());
    },
    stopped() {
      const counts: Record<string, number> = {};
      for (const gate of list) {
        if (gate.stoppedCount()) counts[`${gate.name} piece unavailable`] = gate.stoppedCount();
        Object.assign(counts, gate.counts());
      }
      return counts;
    },
  };
}
