// The pipeline: a normalised call becomes an event, passes the gates, and is queued for each destination it is routed to.
import { buildEvent, type EventIdentity, type EventInputs } from './event';
import { runGates, type Gate, type Settled } from './gates';
import { ulid } from './ids';
import { isRoutedTo } from './route';
import type { Destination } from './destinations/destination';
import type { Dispatcher } from './dispatcher';
import type { Buffer } from './buffer';
import type { BufferedPage, Call, TallyEvent } from './types';

/** What a call became: the event, and either the destinations it was queued for or why it stopped. */
export interface Context {
  event: TallyEvent;
  destinations: string[];
  stopped?: string;
}

/** A destination with its buffer and the dispatcher that delivers it. */
export interface Route {
  destination: Destination;
  /** The dispatcher's queue, told first when the page hides. */
  buffer: Buffer;
  dispatcher: Dispatcher;
}

/** What the pipeline reads at each call; what every event shares (EventInputs) goes to buildEvent as it is. */
export interface PipelineInputs extends EventInputs {
  identity: () => EventIdentity;
  page: () => BufferedPage;
  gates: readonly Gate[];
  routes: readonly Route[];
}

/** Creates the function each public call ends in; it answers synchronously unless a gate holds the event. */
export function createPipeline(inputs: PipelineInputs): (call: Call) => Context | Promise<Context> {
  return (call) => {
    const time = Date.now();
    const identity = inputs.identity();
    // The page is read once and kept on the call: the gates (trigger paths) match against the same page.
    const event = buildEvent(call, inputs, identity, (call.page ??= inputs.page()), time, ulid(time));
    const result = runGates(inputs.gates, event, call);
    return 'wait' in result ? result.wait.then((later) => route(event, later, identity)) : route(event, result, identity);
  };

  function route(built: TallyEvent, result: Settled, identity: EventIdentity): Context {
    if ('stopped' in result) return { event: built, destinations: [], stopped: result.stopped };
    const destinations: string[] = [];
    for (const { destination, dispatcher } of inputs.routes) {
      // prepare() may keep the event out of its destination (undefined).
      const queued = isRoutedTo(destination.name, result.event.integrations) && (destination.prepare ? destination.prepare(result.event, identity) : result.event);
      if (queued) dispatcher.enqueue(queued), destinations.push(destination.name);
    }
    return { event: result.event, destinations };
  }
}
