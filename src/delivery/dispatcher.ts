// Delivers one destination's queue: when to flush, how to read answers, what to retry. It knows no wire format and no storage.
import type { DeliveryError } from '../api/errors';
import { isOnline as browserIsOnline } from './lifecycle';
import { createSender } from './sender';
import type { Destination, DestinationRequest, TransportResponse } from '../destinations/destination';
import type { Queue } from './queue';
import type { Transport } from './transport';
import type { TallyEvent } from '../event/types';

/** Most events one flush round takes from the queue; the destination splits them into requests. */
const MAX_ITEMS_PER_ROUND = 5000;

/** Counters of one destination's deliveries since the page loaded. */
export interface DeliveryStats {
  queued: number;
  sent: number;
  retried: number;
  dropped: Record<string, number>;
  /** Events kept queued that cannot be sent on this page view, by reason (their destination's piece could not be loaded). */
  held?: Record<string, number>;
  /** Where the buffer keeps them: `indexeddb`, or `localstorage` / `memory` after a storage failed. */
  storage?: string;
}

/** What a dispatcher needs (`flushAt` and `flushIntervalMs` as the config has them); `isOnline`, `now` and `random` are seams for tests. */
export interface DispatcherOptions {
  destination: Destination;
  queue: Queue;
  transport: Transport;
  flushAt: number;
  flushIntervalMs: number;
  /** Where drops are counted by reason (stats().dropped); the caller may add its own, e.g. the buffer's. */
  dropped?: Record<string, number>;
  isOnline?: () => boolean;
  /** Told of every event dropped for good, once. */
  onDrop?: (error: DeliveryError, event: TallyEvent) => void;
  /** Told of each request's result, for debug output. */
  onResult?: (request: DestinationRequest, response: TransportResponse) => void;
  now?: () => number;
  random?: () => number;
}

/** Sends one destination's events, batched, retried, and handed to keepalive at unload. */
export interface Dispatcher {
  readonly name: string;
  /** Queues an event; flushes when `flushAt` wait, else within `flushInterval`. */
  enqueue(event: TallyEvent): void;
  /** Sends everything ready now; settles when each request has been answered or given up on. */
  flush(): Promise<void>;
  /**
   * The page may be going away: send what fits the keepalive budget now, including events in flight without keepalive;
   * what keepalive carries is forgotten in storage while the service answers. `leaving` (pagehide): the page is being
   * unloaded or cached, and a network error on those requests counts as delivered.
   */
  unload(leaving?: boolean): void;
  stats(): DeliveryStats;
}

/** Creates the dispatcher of one destination. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { destination, queue, transport, flushAt, flushIntervalMs, dropped = {}, isOnline = browserIsOnline, now = Date.now } = options;
  const { name } = destination;
  const sender = createSender({ ...options, dropped, now });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity; // when the timer fires; Infinity when none is set
  let rounds: Promise<void> = Promise.resolve(); // the last round started or waiting
  let waiting: Promise<void> | undefined; // a round waiting for the one under way
  const sentAtUnload = new Set<string>(); // events unload passes handed to keepalive, until answered
  const handedOff = new Set<string>(); // of those, the ones a leaving page took as delivered

  const readiness = watchReadiness(destination);

  /** Makes sure a round starts within `delayMs` (Infinity: nothing to do). */
  function schedule(delayMs: number) {
    const at = now() + delayMs;
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timerAt = Infinity;
      void run();
    }, delayMs);
  }

  /** Runs a round after the one under way, if any; the calls made meanwhile share that round. */
  function run(): Promise<void> {
    const start = () => {
      waiting = undefined;
      return round();
    };
    if (!waiting) {
      rounds = rounds.then(start, start);
      waiting = rounds;
    }
    return waiting;
  }

  async function round(): Promise<void> {
    if (!(await readiness.settled())) return;
    while (isOnline()) {
      const items = await queue.take(MAX_ITEMS_PER_ROUND, now());
      // The page may have hidden while storage answered: what its unload pass handed to keepalive (in flight, or
      // already answered and no longer leased) is not sent twice.
      const leased = new Set(queue.leased().map((item) => item.event.messageId));
      const fresh = items.filter(({ event }) => leased.has(event.messageId) && !sender.inKeepalive(event.messageId));
      if (!items.length || (await sender.deliver(fresh))) break;
    }
    if (isOnline()) schedule(queue.nextReadyAt() - now()); // Infinity when nothing waits: no timer
  }

  return {
    name,
    enqueue(event) {
      queue.push(event);
      schedule(queue.size() >= flushAt ? 0 : flushIntervalMs);
    },
    flush: run,
    async unload(leaving = false) {
      // Offline, requests would fail; without its wire format, none can be built: everything stays queued.
      if (!isOnline() || readiness.state !== 'ready') return;
      const inFlight = queue.leased().filter((item) => !sender.inKeepalive(item.event.messageId));
      const ready = await queue.take(MAX_ITEMS_PER_ROUND, now());
      const { byId, requests } = sender.build([...inFlight, ...ready], { maxBatchBytes: transport.keepaliveBudget() });
      const unsent = new Set(ready.map((item) => item.event.messageId));
      for (const request of requests) {
        if (request.bytes > transport.keepaliveBudget()) break;
        const ids = request.messageIds;
        ids.forEach((id) => {
          unsent.delete(id);
          sentAtUnload.add(id);
        });
        void sender.send(request, true).then(async (response) => {
          const handed = ids.every((id) => handedOff.has(id));
          ids.forEach((id) => {
            sentAtUnload.delete(id);
            handedOff.delete(id);
          });
          // A page that left sees its keepalive requests end in a network error (WebKit, or on a back/forward-cache
          // restore) though the browser delivered them: sending them again would only duplicate them.
          if (handed && response.status === 0) await queue.ack(ids);
          else await sender.settle(request, response, byId);
        });
      }
      // What did not fit stays queued (the durable buffer keeps it for the next page view).
      void queue.release([...unsent], 0, false);
      // While the service answers, what unload passes hand to keepalive is forgotten in storage, so the next page view
      // does not send it again (a duplicate ~15 s later, once its lease ran out): the page may be torn down right after
      // hiding (Firefox may close a tab without a pagehide this page sees). A page that lives on reads the answers as
      // usual, and a retry writes the events back. Once it left (pagehide), a network error counts as delivered too.
      // After a failure, or for a request a round sent earlier (the server may hang), a duplicate is the safer risk.
      if (sender.serviceHealthy()) {
        const carried = [...sentAtUnload].filter((id) => sender.inKeepalive(id));
        if (leaving) carried.forEach((id) => handedOff.add(id));
        queue.handedOff?.(carried);
      }
    },
    stats() {
      const { sent, retried } = sender.counts;
      const stats: DeliveryStats = { queued: queue.size(), sent, retried, dropped: { ...dropped } };
      if (readiness.state === 'unavailable') stats.held = { 'piece unavailable': queue.size() };
      return stats;
    },
  };
}

/**
 * Whether a destination can build requests: it may wait for its wire format (an on-demand piece). When that never comes,
 * its events stay queued (the buffer keeps them for a later page view) and stats() counts them as held.
 */
function watchReadiness(destination: Destination) {
  const watch = {
    state: (destination.ready ? 'waiting' : 'ready') as 'waiting' | 'ready' | 'unavailable',
    /** Settles once the state is known; true when requests can be built. */
    async settled(): Promise<boolean> {
      await destination.ready?.catch(() => {});
      return watch.state === 'ready';
    },
  };
  destination.ready?.then(
    () => {
      watch.state = 'ready';
    },
    () => {
      watch.state = 'unavailable';
    },
  );
  return watch;
}
