// The tracking-plan gate: checks each event against the compiled plan, then lets it pass, flags it or blocks it.
import { createProblems } from '../config/readers';
import { logError, logWarning } from '../errors';
import { compilePlan, type CompiledPlan, type Violation } from './plan';
import type { Gate } from '../pipeline/gates';
import type { TallyEvent } from '../event/types';

/** What the plan gate reports to the instance. */
export interface PlanGateOptions {
  /** Told of every event with violations (`analytics.on('violation', ...)`). */
  onViolation(event: TallyEvent, violations: Violation[], action: string): void;
  debug(): boolean;
}

/**
 * Compiles `planInput` once (bad entries are logged, naming them, and skipped) and returns the gate that applies it:
 * `allow` sends the event as it is, `flag` sends it with `context.violations`, `block` drops it.
 */
export function createPlanGate(planInput: unknown, options: PlanGateOptions): Gate {
  const problems = createProblems();
  const plan: CompiledPlan = compilePlan(planInput, problems);
  problems.errors.forEach(logError);
  return {
    name: 'plan',
    run(event) {
      const violations = plan.check(event);
      if (!violations.length) return { event };
      const action = violations[0].type === 'Unplanned' ? plan.onUnplanned : plan.onViolation;
      options.onViolation(event, violations, action);
      if (action === 'allow') return { event };
      if (action === 'flag') return { event: { ...event, context: { ...event.context, violations } } };
      const name = event.event ?? event.type;
      if (options.debug())
        logWarning(`blocked "${name}" (tracking plan): ${violations.map((violation) => violation.description).join('; ')}`);
      return { stopped: `${name} breaks the tracking plan (${violations[0].description})` };
    },
  };
}
