// The pipeline: a normalised call becomes an event, passes the gates, and is queued for each destination it is routed to.
import { buildEvent, type EventIdentity, type EventInputs } from '../event/build';
import { runGates, type Gate, type Settled } from './gates';
import { ulid } from '../event/ids';
import { isRoutedTo, type Route } from './route';
import type { BufferedPage, Call, TallyEvent } from '../event/types';

/** What a call became: the event, and either the destinations it was queued for or why it stopped. */
export interface Context {
  event: TallyEvent;
  destinations: string[];
  stopped?: string;
  /** A held call's events as each route would queue them, not queued (see createPipeline's `hold`). */
  held?: { route: Route; event: TallyEvent }[];
}

/** What the pipeline reads at each call; what every event shares (EventInputs) goes to buildEvent as it is. */
export interface PipelineInputs extends EventInputs {
  identity: () => EventIdentity;
  page: () => BufferedPage;
  gates: readonly Gate[];
  routes: readonly Route[];
  /** Adds what the instance keeps per visit (the session) to each event, before the gates see it. */
  stamp?: (event: TallyEvent, now: number) => void;
}

/**
 * Creates the function each public call ends in; it answers synchronously unless a gate holds the event. `hold`: the
 * event passes the gates and routes as any other, but is handed back (`held`) instead of queued (a deferred fetch).
 */
export function createPipeline(inputs: PipelineInputs): (call: Call, hold?: boolean) => Context | Promise<Context> {
  return (call, hold) => {
    const time = Date.now();
    const identity = inputs.identity();
    // The page is read once and kept on the call: the gates (trigger paths) match against the same page.
    call.page ??= inputs.page();
    const event = buildEvent(call, inputs, identity, call.page, time, ulid(time));
    inputs.stamp?.(event, time);
    const result = runGates(inputs.gates, event, call);
    if ('wait' in result) return result.wait.then((later) => route(event, later, identity, hold));
    return route(event, result, identity, hold);
  };

  function route(built: TallyEvent, result: Settled, identity: EventIdentity, hold?: boolean): Context {
    if ('stopped' in result) return { event: built, destinations: [], stopped: result.stopped };
    const destinations: string[] = [];
    const held: Context['held'] = [];
    for (const each of inputs.routes) {
      const { destination, dispatcher } = each;
      // prepare() may keep the event out of its destination (undefined).
      const queued =
        isRoutedTo(destination.name, result.event.integrations) &&
        (destination.prepare ? destination.prepare(result.event, identity) : result.event);
      if (!queued) continue;
      if (hold) held.push({ route: each, event: queued });
      else dispatcher.enqueue(queued);
      destinations.push(destination.name);
    }
    return hold ? { event: result.event, destinations, held } : { event: result.event, destinations };
  }
}
