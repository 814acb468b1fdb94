// Delivers one destination's queue: when to flush, how to read answers, what to retry. It knows no wire format and no storage.
import type { DeliveryError } from '../errors';
import { isOnline as browserIsOnline } from './lifecycle';
import { createSender } from './sender';
import { createUnload, type Leaving } from './unload';
import type { Destination, DestinationRequest, TransportResponse } from '../destinations/destination';
import type { Queue } from './queue';
import { KEEPALIVE_BUDGET_BYTES, type Deferred, type Transport } from './transport';
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
   * unloaded (true) or cached ('cached'), and a network error on those requests counts as delivered.
   */
  unload(leaving?: Leaving): void;
  /**
   * Hands one event, unqueued, to the browser to send once the page is gone (transport.sendLater); undefined where it
   * cannot (no fetchLater, the wire format not here yet).
   */
  sendLater(event: TallyEvent): Deferred | undefined;
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

  const readiness = watchReadiness(destination);
  const unload = createUnload({ queue, sender, transport, now, maxItems: MAX_ITEMS_PER_ROUND });

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
    unload: (leaving = false) => void unload(leaving, () => isOnline() && readiness.state === 'ready'),
    sendLater(event) {
      if (readiness.state !== 'ready' || !transport.sendLater) return undefined;
      const { requests } = destination.toRequests([event], new Date(now()).toISOString(), { maxBatchBytes: KEEPALIVE_BUDGET_BYTES });
      return requests[0] && transport.sendLater(requests[0]);
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
