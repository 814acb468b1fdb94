// Gates: pure checks every event passes before routing (trigger paths, tracking plan, consent, middleware). One file per gate; this is the list's shape.
import { logError } from './errors';
import type { Call, TallyEvent } from './types';

/** A gate's final answer: the event to go on with (possibly changed), or why it stopped. */
export type Settled = { event: TallyEvent } | { stopped: string };

/** A gate's answer; `wait` holds the event until a later answer (consent, async middleware, a piece still loading). */
export type GateResult = Settled | { wait: Promise<Settled> };

/** One check over an event. Gates run in order; the first that stops an event ends its journey. */
export interface Gate {
  readonly name: string;
  run(event: TallyEvent, call: Call): GateResult;
}

/** Runs `gates` in order over `event`, from `from`; synchronous until a gate waits. */
export function runGates(gates: readonly Gate[], event: TallyEvent, call: Call, from = 0): GateResult {
  for (let i = from; i < gates.length; i++) {
    const result = gates[i].run(event, call);
    if ('wait' in result) {
      return {
        wait: result.wait.then((later) => {
          if ('stopped' in later) return { stopped: `${gates[i].name}: ${later.stopped}` };
          const rest = runGates(gates, later.event, call, i + 1);
          return 'wait' in rest ? rest.wait : rest;
        }),
      };
    }
    if ('stopped' in result) return { stopped: `${gates[i].name}: ${result.stopped}` };
    event = result.event;
  }
  return { event };
}

/** A gate whose code arrives later, from an on-demand piece. */
export interface LazyGate extends Gate {
  /** Starts using the piece's gate: from now on events wait for it. Only the first call loads it. */
  fill(): void;
}

/**
 * A gate events pass through untouched until `fill` is called; then they wait until `load` has brought the piece's gate
 * and pass through it. If it fails to load (logged once) they stop with `failure` (consent, middleware: they may exist to
 * keep data out), or without one pass unchecked (plan: losing data is worse than an unchecked event).
 */
export function createLazyGate(name: string, load: () => Promise<Gate>, failure?: string): LazyGate {
  let gate: Gate | undefined;
  let ready: Promise<void> | undefined;
  let broken = false;
  const through = (event: TallyEvent, call: Call): GateResult => (gate ? gate.run(event, call) : broken && failure ? { stopped: failure } : { event });
  return {
    name,
    run: (event, call) =>
      ready && !gate && !broken
        ? { wait: ready.then(() => {
            const result = through(event, call);
            return 'wait' in result ? result.wait : result;
          }) }
        : through(event, call),
    fill() {
      ready ??= load().then(
        (loaded) => void (gate = loaded),
        (error) => void ((broken = true), logError(error)),
      );
    },
  };
}
