// Entry of the on-demand tracking-plan piece (dist/tally-plan.js). Loaded when `plan` is configured, or when a rules
// document (`rulesUrl`) brings one.
import { createPlanGate } from './gate';
import type { Gate } from '../pipeline/gates';
import type { Host } from '../api/analytics';

/**
 * The plan gate, reporting violations as `analytics.on('violation', ...)` events. A rules document's plan replaces the
 * `plan` option's through `host.replacePlan`, from the next event on.
 */
export function planGate(host: Host): Gate {
  const create = (plan: unknown) =>
    createPlanGate(plan, {
      onViolation: (event, violations, action) => host.emitter.emit('violation', { event, violations, action }),
      debug: () => host.debug,
    });
  let gate = create(host.config.plan ?? {});
  host.replacePlan = (plan) => {
    gate = create(plan);
  };
  return { name: 'plan', run: (event, call) => gate.run(event, call) };
}
