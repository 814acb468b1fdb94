// The trigger kinds' pieces from source, all here at once (as if the page had included every dist/tally-kind-*.js): the
// tracker, preview and picker tests run the kinds through the same loader seam the builds use.
import { CORE_RUNTIMES, runtimeKeyOf } from '../../src/triggers/runtimes';
import type { Definition } from '../../src/rules/types';
import type { KindPiece, LoadKind, TriggerRuntime } from '../../src/triggers/trigger';

/** Every src/triggers/<piece>/piece.ts, by path (Vite's glob: a new kind's folder is found without a line here). */
const PIECES = (import.meta as unknown as { glob<T>(pattern: string, options: { eager: true }): Record<string, T> }).glob<KindPiece>(
  '../../src/triggers/*/piece.ts',
  { eager: true },
);

/** Loads a kind's piece from source, at once; an unknown piece fails as a missing file would. */
export const loadKinds: LoadKind = (piece) => {
  const found = PIECES[`../../src/triggers/${piece}/piece.ts`];
  return found ?? Promise.reject(new Error(`no piece src/triggers/${piece}/`));
};

/** The runtime of a definition: a bundled one, else its kind's piece from source (explainEvent's `runtimeOf`). */
export const runtimeOf = (definition: Definition): TriggerRuntime | undefined =>
  CORE_RUNTIMES[runtimeKeyOf(definition)] ?? PIECES[`../../src/triggers/${runtimeKeyOf(definition)}/piece.ts`]?.runtime;
