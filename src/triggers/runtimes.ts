// The runtimes a tracker or a preview uses: those of click, submit and page bundled with it, every other one loaded from
// its kind's piece (src/triggers/<piece>/piece.ts) the first time a definition in force, or a load option, needs it.
import { clickRuntime } from './click';
import { submitRuntime } from './submit';
import { pageRuntime } from './page';
import type { Definition } from '../rules/types';
import type { RuleSet } from '../rules/rule-set';
import type { KindPiece, LoadKind, TriggerRuntime } from './trigger';

/** The runtimes bundled with the tracker and the preview, by kind: those of the kinds every no-code page had before the others. */
export const CORE_RUNTIMES: Readonly<Record<string, TriggerRuntime>> = { click: clickRuntime, submit: submitRuntime, page: pageRuntime };

/** The runtime that handles a definition, as the rules reader set it: a kind's piece, else a bundled kind. */
export const runtimeKeyOf = (definition: Definition): string => definition.runtime ?? definition.on ?? '';

/** The loader when none is given: a kind's piece is missing (a test of the bundled kinds alone). */
export const noKinds: LoadKind = (piece) => Promise.reject(new Error(`the kind piece ${piece} is not available`));

/** Called with a runtime once it is here, and the key whose definitions it handles (runtimeKeyOf). */
export type RuntimeReady = (key: string, runtime: TriggerRuntime) => void;

/** The runtimes of one tracker or preview: the bundled ones, and each piece's as it arrives. */
export interface Runtimes {
  /** Loads the pieces the definitions (and `extra`) need that were not asked for yet; `ready` gets each once it is here (at once when the loader has it). */
  need(definitions: readonly Definition[], extra: readonly string[], ready: RuntimeReady): void;
  /** The runtime of a definition, when it is here. */
  of(definition: Definition): TriggerRuntime | undefined;
}

/** The pieces `definitions` and `extra` need: each runtime that is not bundled (a definition without a trigger needs none). */
function piecesFor(definitions: readonly Definition[], extra: readonly string[]): Set<string> {
  const keys = new Set([...definitions.filter((definition) => definition.on).map(runtimeKeyOf), ...extra]);
  for (const key in CORE_RUNTIMES) keys.delete(key);
  return keys;
}

/**
 * Runtimes loaded through `loadKind`; a piece that cannot be loaded is left out (the loader reported it), and the other
 * kinds keep working.
 * @example createRuntimes(context.loadKind).need(rules.current(), [], (key, runtime) => runtime.start(...))
 */
export function createRuntimes(loadKind: LoadKind): Runtimes {
  const loaded = new Map<string, TriggerRuntime>(Object.entries(CORE_RUNTIMES));
  const asked = new Set<string>();
  return {
    need(definitions, extra, ready) {
      for (const key of piecesFor(definitions, extra)) {
        if (asked.has(key)) continue;
        asked.add(key);
        const arrive = (piece: KindPiece) => {
          loaded.set(key, piece.runtime);
          ready(key, piece.runtime);
        };
        try {
          const piece = loadKind(key);
          if ('runtime' in piece) arrive(piece);
          else piece.then(arrive, () => {});
        } catch {
          // Reported by the loader; this kind stays off.
        }
      }
    },
    of: (definition) => loaded.get(runtimeKeyOf(definition)),
  };
}

/**
 * Calls `ready` with each bundled runtime now, then with each piece's that the rules in force need, as it arrives
 * (now, and after each change of the rules): the preview follows the kinds in use this way.
 */
export function followRuntimes(runtimes: Runtimes, rules: Pick<RuleSet, 'current' | 'onChange'>, ready: RuntimeReady): void {
  for (const [key, runtime] of Object.entries(CORE_RUNTIMES)) ready(key, runtime);
  const need = () => runtimes.need(rules.current(), [], ready);
  need();
  rules.onChange(need);
}
