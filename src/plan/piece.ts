// Entry of the on-demand tracking-plan piece (dist/tally-plan.js). Loaded when `plan` is configured, or when a rules
// document (`rulesUrl`) brings one.
import { createPlanGate } from './gate';
import type { PieceContext, Pieces, PlanGate } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

/**
 * The plan gate, reporting violations as `analytics.on('violation', ...)` events. A rules document's plan replaces the
 * `plan` option's through `replace` (the core calls it), from the next event on.
 */
export function planGate(host: PieceContext): PlanGate {
  const create = (plan: unknown) =>
    createPlanGate(plan, {
      onViolation: (event, violations, action) => host.emitter.emit('violation', { event, violations, action }),
      debug: host.debug.enabled,
    });
  let gate = create(host.config.plan ?? {});
  return {
    name: 'plan',
    run: (event, call) => gate.run(event, call),
    replace(plan) {
      gate = create(plan);
    },
  };
}

({ planGate }) satisfies Pieces['plan'];
