// Gates: pure checks every event passes before routing (trigger paths, tracking plan, consent, middleware). One file per gate; this is the list's shape.
import type { Call, TallyEvent } from '../event/types';

/** A gate's final answer: the event to go on with (possibly changed), or why it stopped. */
export type Settled = { event: TallyEvent } | { stopped: string };

/** A gate's answer; `wait` holds the event until a later answer (consent, async middleware, a piece still loading). */
export type GateResult = Settled | { wait: Promise<Settled> };

/** One check over an event. Gates run in order; the first that stops an event ends its journey. */
export interface Gate {
  readonly name: string;
  run(event: TallyEvent, call: Call): GateResult;
  /** What it stopped, by the name stats() counts it under (`{ bot: 3 }`). */
  counts?(): Record<string, number>;
}

/** A result's final answer, or the promise of it. */
const settle = (result: GateResult): Settled | Promise<Settled> => ('wait' in result ? result.wait : result);

/** Runs `gates` in order over `event`, from `from`; synchronous until a gate waits. */
export function runGates(gates: readonly Gate[], event: TallyEvent, call: Call, from = 0): GateResult {
  const gate = gates[from];
  if (!gate) return { event };
  // The gate's answer: stopped (and why, after the gate's name), or on to the next gate.
  const next = (settled: Settled): GateResult =>
    'stopped' in settled ? { stopped: `${gate.name}: ${settled.stopped}` } : runGates(gates, settled.event, call, from + 1);
  const result = gate.run(event, call);
  return 'wait' in result ? { wait: result.wait.then((later) => settle(next(later))) } : next(result);
}

/** A gate whose code arrives later, from an on-demand piece. */
export interface LazyGate<G extends Gate = Gate> extends Gate {
  /** Starts using the piece's gate: from now on events wait for it. Only the first call loads it; settles with it once it is known (undefined when it failed). */
  fill(): Promise<G | undefined>;
  /** How many events it stopped because its piece could not be loaded. */
  stoppedCount(): number;
  /** Its piece's gate's own counts, once it is here. */
  counts(): Record<string, number>;
}

/**
 * A gate events pass through untouched until `fill` is called; then they wait until `load` has brought the piece's gate
 * and pass through it. If it fails to load (the loader reports it) they stop with `failure` (consent, middleware: they may
 * exist to keep data out), or without one pass unchecked (plan: losing data is worse than an unchecked event).
 */
export function createLazyGate<G extends Gate>(name: string, load: () => Promise<G>, failure?: string): LazyGate<G> {
  let gate: G | undefined;
  let ready: Promise<G | undefined> | undefined;
  let broken = false;
  let stopped = 0;
  // The last event still waiting, and how many wait: a later event waits behind them, so none overtakes an earlier one.
  let last: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const through = (event: TallyEvent, call: Call): GateResult => {
    if (gate) return gate.run(event, call);
    if (!broken || !failure) return { event };
    stopped += 1;
    return { stopped: failure };
  };
  const loading = () => ready && !gate && !broken;
  return {
    name,
    run(event, call) {
      if (!ready || (!loading() && waiting === 0)) return through(event, call);
      waiting += 1;
      const settled = Promise.all([ready, last]).then(() => settle(through(event, call)));
      const done = () => {
        waiting -= 1;
      };
      last = settled.then(done, done);
      return { wait: settled };
    },
    fill() {
      ready ??= load().then(
        (loaded) => {
          gate = loaded;
          return loaded;
        },
        () => {
          broken = true;
          return undefined;
        },
      );
      return ready;
    },
    stoppedCount: () => stopped,
    counts: () => gate?.counts?.() ?? {},
  };
}
