// Entry of the on-demand tracking-plan piece (dist/tally-plan.js). Loaded when `plan` is configured.
import { createPlanGate } from './gate';
import type { Gate } from '../pipeline/gates';
import type { Host } from '../api/analytics';

/** The plan gate, reporting violations as `analytics.on('violation', ...)` events. */
export const planGate = (host: Host): Gate =>
  createPlanGate(host.config.plan, {
    onViolation: (event, violations, action) => host.emitter.emit('violation', { event, violations, action }),
    debug: () => host.debug,
  });
