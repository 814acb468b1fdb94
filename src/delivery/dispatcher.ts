// Delivers one destination's queue: when to flush, how to read answers, what to retry. It knows no wire format and no storage.
import { DeliveryError } from '../api/errors';
import { isOnline as browserIsOnline } from './lifecycle';
import { MAX_ATTEMPTS, backoffMs, parseRetryAfter, verdictFor } from './retry';
import type { Limits, Rejected } from './batch';
import type { Destination, DestinationRequest, Outcome, TransportResponse } from '../destinations/destination';
import type { Queue, QueueItem } from './queue';
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
  /** The page is going away: send what fits the keepalive budget now, including events in flight without keepalive. */
  unload(): void;
  stats(): DeliveryStats;
}

/** Creates the dispatcher of one destination. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const {
    destination,
    queue,
    transport,
    flushAt,
    flushIntervalMs,
    onDrop,
    onResult,
    random,
    dropped = {},
    isOnline = browserIsOnline,
    now = Date.now,
  } = options;
  const { name } = destination;
  const inKeepalive = new Set<string>();
  let sent = 0; // events acknowledged
  let retried = 0; // events released for another attempt
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity; // when the timer fires; Infinity when none is set
  let lastSentAt = -Infinity;
  let rounds: Promise<void> = Promise.resolve(); // the last round started or waiting
  let waiting: Promise<void> | undefined; // a round waiting for the one under way

  /**
   * Whether the destination can build requests: it may wait for its wire format (an on-demand piece). When that never
   * comes, its events stay queued (the buffer keeps them for a later page view) and stats() counts them as held.
   */
  let readiness: 'waiting' | 'ready' | 'unavailable' = destination.ready ? 'waiting' : 'ready';
  destination.ready?.then(
    () => {
      readiness = 'ready';
    },
    () => {
      readiness = 'unavailable';
    },
  );
  async function isReady(): Promise<boolean> {
    await destination.ready?.catch(() => {});
    return readiness === 'ready';
  }

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
    return (waiting ??= rounds = rounds.then(start, start));
  }

  async function round(): Promise<void> {
    if (!(await isReady())) return;
    while (isOnline()) {
      const items = await queue.take(MAX_ITEMS_PER_ROUND, now());
      if (!items.length || (await deliver(items))) break;
    }
    if (isOnline()) schedule(queue.nextReadyAt() - now()); // Infinity when nothing waits: no timer
  }

  /** Sends a request, remembering while it is in flight whether keepalive carries it (a second unload must not resend it). */
  function send(request: DestinationRequest): Promise<TransportResponse> {
    const started = transport.send(request);
    const ids = request.messageIds;
    if (started.keepalive) ids.forEach((id) => inKeepalive.add(id));
    return started.response.finally(() => ids.forEach((id) => inKeepalive.delete(id)));
  }

  /** The requests that carry `items` within `limits`, the events none can carry, and the items by messageId. */
  function build(items: QueueItem[], limits?: Partial<Limits>) {
    const byId = new Map(items.map((item) => [item.event.messageId, item]));
    return {
      byId,
      ...destination.toRequests(
        items.map((item) => item.event),
        new Date(now()).toISOString(),
        limits,
      ),
    };
  }

  /**
   * Sends leased items (within `limits`, when narrower than the service's); when the service asks to back off,
   * releases the rest until then and returns that time (never 0).
   */
  async function deliver(items: QueueItem[], limits?: Partial<Limits>): Promise<number | undefined> {
    const { byId, requests, rejected } = build(items, limits);
    await drop(rejected, byId);
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i];
      const wait = lastSentAt + (destination.requestGapMs ?? 0) - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastSentAt = now();
      const backedOff = await settle(request, await send(request), byId);
      if (backedOff) {
        await queue.release(
          requests.slice(i + 1).flatMap((later) => later.messageIds),
          backedOff,
          false,
        );
        return backedOff;
      }
    }
    return undefined;
  }

  /** Applies an answer to its events; returns the time to wait until when the service asked to back off. */
  async function settle(
    request: DestinationRequest,
    response: TransportResponse,
    byId: Map<string, QueueItem>,
  ): Promise<number | undefined> {
    onResult?.(request, response);
    const { status } = response;
    const ids = request.messageIds;
    const detailed = destination.readResponse?.(request, response);
    let verdict = verdictFor(status);
    if (!detailed && verdict === 'split') {
      // 400/413 for a batch: send its events again in batches of half as many, so only the bad event is lost
      // (when the first half is told to back off, deliver() releases the second until then).
      if (ids.length > 1)
        return deliver(
          ids.map((id) => byId.get(id)!),
          { maxBatchItems: Math.ceil(ids.length / 2) },
        );
      verdict = 'drop';
    }
    // Without per-event answers, the status speaks for every event of the request.
    const {
      done = [],
      retry = [],
      drop: drops = [],
    }: Outcome = detailed ??
    (verdict === 'drop' ? { drop: ids.map((messageId) => ({ messageId, reason: `the service answered ${status}` })) } : { [verdict]: ids });
    sent += done.length;
    await queue.ack(done);
    // byId has every event of the request: toRequests built it from them.
    const tried = (id: string) => byId.get(id)!.attempts + 1;
    const again = retry.filter((id) => tried(id) < MAX_ATTEMPTS);
    const reason = `gave up after ${MAX_ATTEMPTS} attempts (last answer: ${status || 'network error'})`;
    await drop(drops.concat(retry.filter((id) => tried(id) >= MAX_ATTEMPTS).map((messageId) => ({ messageId, reason }))), byId);
    if (!again.length) return;
    const notBefore = now() + Math.max(parseRetryAfter(response.retryAfter, now()) ?? 0, backoffMs(Math.max(...again.map(tried)), random));
    retried += again.length;
    await queue.release(again, notBefore, true);
    return notBefore;
  }

  /** Acks events dropped for good, counts them by reason (numbers left out) and reports each. */
  async function drop(drops: Rejected[], byId: Map<string, QueueItem>) {
    if (!drops.length) return;
    await queue.ack(drops.map((entry) => entry.messageId));
    for (const { messageId, reason } of drops) {
      const key = reason.replace(/[\d,]+/g, 'N');
      dropped[key] = (dropped[key] ?? 0) + 1;
      onDrop?.(new DeliveryError(name, messageId, reason), byId.get(messageId)!.event);
    }
  }

  return {
    name,
    enqueue(event) {
      queue.push(event);
      schedule(queue.size() >= flushAt ? 0 : flushIntervalMs);
    },
    flush: run,
    async unload() {
      // Offline, requests would fail; without its wire format, none can be built: everything stays queued.
      if (!isOnline() || readiness !== 'ready') return;
      const inFlight = queue.leased().filter((item) => !inKeepalive.has(item.event.messageId));
      const ready = await queue.take(MAX_ITEMS_PER_ROUND, now());
      const { byId, requests } = build([...inFlight, ...ready], { maxBatchBytes: transport.keepaliveBudget() });
      const unsent = new Set(ready.map((item) => item.event.messageId));
      for (const request of requests) {
        if (request.bytes > transport.keepaliveBudget()) break;
        request.messageIds.forEach((id) => unsent.delete(id));
        void send(request).then((response) => settle(request, response, byId));
      }
      // What did not fit stays queued (the durable buffer keeps it for the next page view).
      void queue.release([...unsent], 0, false);
    },
    stats() {
      const stats: DeliveryStats = { queued: queue.size(), sent, retried, dropped: { ...dropped } };
      if (readiness === 'unavailable') stats.held = { 'piece unavailable': queue.size() };
      return stats;
    },
  };
}
