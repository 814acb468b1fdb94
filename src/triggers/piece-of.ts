// Which kind's piece runs a definition, or a load option, read from the specs of the list (for the rules piece, which
// stamps each definition with it: the tracker and the preview then need no spec to find a runtime).
import { TRIGGERS, triggerOf } from './list';
import type { Definition } from '../rules/types';

/** What runs a definition (Definition.runtime): the piece its kind's spec names for it, else its kind. */
export function runtimeKeyFor(definition: Definition): string | undefined {
  const piece = triggerOf(definition.on)?.piece;
  return (typeof piece === 'function' ? piece(definition) : piece) ?? definition.on;
}

/** The kinds' pieces the load options need without any rule (a spec's `option`: `dataLayer` for its GA4 ecommerce events). */
export const optionPieces = (options: Readonly<Record<string, unknown>>): string[] =>
  TRIGGERS.flatMap((spec) => (spec.option && options[spec.option] != null && typeof spec.piece === 'string' ? [spec.piece] : []));
