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

/** Creates the function each public call ends in; it answers synchronously unless a gate holds the event. */
export function createPipeline(inputs: PipelineInputs): (call: Call) => Context | Promise<Context> {
  return (call) => {
    const time = Date.now();
    const identity = inputs.identity();
    // The page is read once and kept on the call: the gates (trigger paths) match against the same page.
    call.page ??= inputs.page();
    const event = buildEvent(call, inputs, identity, call.page, time, ulid(time));
    inputs.stamp?.(event, time);
    const result = runGates(inputs.gates, event, call);
    if ('wait' in result) return result.wait.then((later) => route(event, later, identity));
    return route(event, result, identity);
  };

  function route(built: TallyEvent, result: Settled, identity: EventIdentity): Context {
    if ('stopped' in result) return { event: built, destinations: [], stopped: result.stopped };
    const destinations: string[] = [];
    for (const { destination, dispatcher } of inputs.routes) {
      // prepare() may keep the event out of its destination (undefined).
      const queued =
        isRoutedTo(destination.name, result.event.integrations) &&
        (destination.prepare ? destination.prepare(result.event, identity) : result.event);
      if (!queued) continue;
      dispatcher.enqueue(queued);
      destinations.push(destination.name);
    }
    return { event: result.event, destinations };
  }
}
