// Gates: pure checks every event passes before routing (trigger paths, tracking plan, consent, middleware). One file per gate; this is the list's shape.
import type { Call, TallyEvent } from './types';

/** A gate's answer: the event to go on with (possibly changed), or why it stopped. */
export type GateResult = { event: TallyEvent } | { stopped: string };

/** One check over an event. Gates run in order; the first that stops an event ends its journey. */
export interface Gate {
  readonly name: string;
  run(event: TallyEvent, call: Call): GateResult;
}

/** Runs `gates` in order over `event`. */
export function runGates(gates: readonly Gate[], event: TallyEvent, call: Call): GateResult {
  let current: GateResult = { event };
  for (const gate of gates) {
    current = gate.run(current.event, call);
    if ('stopped' in current) return { stopped: `${gate.name}: ${current.stopped}` };
  }
  return current;
}
