// A destination whose code is an on-demand piece (pure): until the piece is here, each event routed to it is queued at
// once, written ahead like any other, carrying the identity it was made with; the piece prepares it when it sends it.
import type { EventIdentity } from '../event/build';
import type { TallyEvent } from '../event/types';
import type { Destination } from './destination';

/** Where an event queued before its destination's piece came keeps the identity it was made with (removed before sending). */
export const PENDING_IDENTITY = 'tallyIdentity';

/**
 * The destination `made` gives once its piece is here (null: the piece found its settings unusable and turned it off).
 * Events queued before then are prepared by it as they are sent, with the identity they were made with; those it has no
 * use for, and every event of a destination that is off, are taken off the queue unsent (`skipped`).
 * @example deferredDestination('Customer.io', host.loadPiece('customerio').then((piece) => piece.createCustomerio(settings, report)))
 */
export function deferredDestination(name: string, made: Promise<Destination | null>): Destination {
  let loaded: Destination | null | undefined;
  const ready = made.then((destination) => {
    loaded = destination;
  });
  const prepare = (event: TallyEvent, identity: EventIdentity) => (loaded?.prepare ? loaded.prepare(event, identity) : event);
  return {
    name,
    ready,
    get off() {
      return loaded === null;
    },
    get requestGapMs() {
      return loaded?.requestGapMs;
    },
    prepare(event, identity) {
      if (loaded !== undefined) return loaded ? prepare(event, identity) : undefined;
      return { ...event, context: { ...event.context, [PENDING_IDENTITY]: identity as unknown as TallyEvent['context'] } };
    },
    toRequests(events, sentAt, limits) {
      if (!loaded) return { requests: [], rejected: [], skipped: events.map((event) => event.messageId) };
      const skipped: string[] = [];
      const prepared = events.flatMap((event) => {
        const { [PENDING_IDENTITY]: identity, ...context } = event.context;
        if (!identity) return [event];
        const ready = prepare({ ...event, context }, identity as unknown as EventIdentity);
        if (!ready) skipped.push(event.messageId);
        return ready ? [ready] : [];
      });
      return { ...loaded.toRequests(prepared, sentAt, limits), skipped };
    },
    readResponse: (request, response) => loaded?.readResponse?.(request, response),
  };
}
