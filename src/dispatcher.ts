// Delivers one destination's queue: when to flush, how to read answers, what to retry. It knows no wire format and no storage.
import { DeliveryError } from './errors';
import { MAX_ATTEMPTS, backoffMs, parseRetryAfter, verdictFor } from './retry';
import type { Destination, DestinationRequest, Outcome, TransportResponse } from './destinations/destination';
import type { Queue, QueueItem } from './queue';
import type { Transport } from './transport';
import type { TallyEvent } from './types';

/** Most events one flush round takes from the queue; the destination splits them into requests. */
const MAX_ITEMS_PER_ROUND = 5000;

/** Counters of one destination's deliveries since the page loaded. */
export interface DeliveryStats {
  queued: number;
  sent: number;
  retried: number;
  dropped: Record<string, number>;
}

/** What a dispatcher needs; `isOnline`, `now` and `random` are seams for tests. */
export interface DispatcherOptions {
  destination: Destination;
  queue: Queue;
  transport: Transport;
  flushAt: number;
  flushIntervalMs: number;
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
  const { destination, queue, transport } = options;
  const now = options.now ?? Date.now;
  const isOnline = options.isOnline ?? (() => true);
  const stats = { sent: 0, retried: 0, dropped: {} as Record<string, number> };
  const inKeepalive = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  let lastSentAt = -Infinity;
  let active: Promise<void> | undefined;
  let pending: Promise<void> | undefined;

  /** Makes sure a round starts within `delayMs`. */
  function schedule(delayMs: number) {
    const at = now() + delayMs;
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      void run();
    }, delayMs);
  }

  /** Runs a round now, or right after the one under way. */
  function run(): Promise<void> {
    if (pending) return pending;
    if (!active) {
      active = round().finally(() => (active = undefined));
      return active;
    }
    pending = active.then(() => {
      pending = undefined;
      return run();
    });
    return pending;
  }

  async function round(): Promise<void> {
    while (isOnline()) {
      const items = await queue.take(MAX_ITEMS_PER_ROUND, now());
      if (!items.length) break;
      if ((await deliver(items)) !== undefined) break;
    }
    const next = queue.nextReadyAt();
    if (next !== undefined && isOnline()) schedule(Math.max(0, next - now()));
  }

  /** Sends a request, remembering while it is in flight whether keepalive carries it (a second unload must not resend it). */
  function send(request: DestinationRequest): Promise<TransportResponse> {
    const sent = transport.send(request);
    if (sent.keepalive) request.messageIds.forEach((id) => inKeepalive.add(id));
    return sent.response.finally(() => request.messageIds.forEach((id) => inKeepalive.delete(id)));
  }

  /** Sends leased items; when the service asks to back off, releases the rest until then and returns that time. */
  async function deliver(items: QueueItem[]): Promise<number | undefined> {
    const byId = new Map(items.map((item) => [item.event.messageId, item]));
    const { requests, rejected } = destination.toRequests(items.map((item) => item.event), new Date(now()).toISOString());
    await drop(rejected.map(({ item, reason }) => ({ messageId: item.messageId, reason })), byId);
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i];
      const wait = lastSentAt + (destination.requestGapMs ?? 0) - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastSentAt = now();
      const response = await send(request);
      const backedOff = await settle(request, response, byId);
      if (backedOff !== undefined) {
        const rest = requests.slice(i + 1).flatMap((later) => later.messageIds);
        await queue.release(rest, backedOff, false);
        return backedOff;
      }
    }
    return undefined;
  }

  /** Applies an answer to its events; returns the time to wait until when the service asked to back off. */
  async function settle(request: DestinationRequest, response: TransportResponse, byId: Map<string, QueueItem>): Promise<number | undefined> {
    options.onResult?.(request, response);
    const verdict = verdictFor(response.status);
    const detailed = destination.readResponse?.(request, response);
    if (!detailed && verdict === 'split' && request.messageIds.length > 1) {
      // 400/413 for a batch: send each half on its own, so only the bad event is lost.
      const half = Math.ceil(request.messageIds.length / 2);
      const [first, second] = [request.messageIds.slice(0, half), request.messageIds.slice(half)];
      const backedOff = await deliver(first.map((id) => byId.get(id)).filter((item): item is QueueItem => !!item));
      if (backedOff === undefined) return deliver(second.map((id) => byId.get(id)).filter((item): item is QueueItem => !!item));
      await queue.release(second, backedOff, false); // the other half waits too, rather than staying leased
      return backedOff;
    }
    const ids = request.messageIds;
    // Without per-event answers, the status speaks for every event of the request.
    const outcome = detailed ?? {
      done: verdict === 'done' ? ids : [],
      retry: verdict === 'retry' ? ids : [],
      drop: verdict === 'done' || verdict === 'retry' ? [] : ids.map((messageId) => ({ messageId, reason: `the service answered ${response.status}` })),
    };
    stats.sent += outcome.done.length;
    await queue.ack(outcome.done);
    await drop(outcome.drop, byId);
    if (!outcome.retry.length) return undefined;
    const retryAfter = parseRetryAfter(response.retryAfter, now());
    const retry: string[] = [];
    const gaveUp: Outcome['drop'] = [];
    let attempts = 1;
    for (const messageId of outcome.retry) {
      const tried = (byId.get(messageId)?.attempts ?? 0) + 1;
      if (tried < MAX_ATTEMPTS) {
        attempts = Math.max(attempts, tried);
        retry.push(messageId);
      } else gaveUp.push({ messageId, reason: `gave up after ${MAX_ATTEMPTS} attempts (last answer: ${response.status || 'network error'})` });
    }
    await drop(gaveUp, byId);
    const notBefore = now() + Math.max(retryAfter ?? 0, backoffMs(attempts, options.random));
    stats.retried += retry.length;
    await queue.release(retry, notBefore, true);
    return notBefore;
  }

  async function drop(drops: Outcome['drop'], byId: Map<string, QueueItem>) {
    if (!drops.length) return;
    await queue.ack(drops.map((entry) => entry.messageId));
    for (const { messageId, reason } of drops) {
      const key = reason.replace(/[\d,]+/g, 'N');
      stats.dropped[key] = (stats.dropped[key] ?? 0) + 1;
      const event = byId.get(messageId)?.event;
      if (event) options.onDrop?.(new DeliveryError(destination.name, messageId, reason), event);
    }
  }

  return {
    name: destination.name,
    enqueue(event) {
      queue.push(event);
      schedule(queue.size() >= options.flushAt ? 0 : options.flushIntervalMs);
    },
    flush: run,
    unload() {
      if (!isOnline()) return; // offline, requests would fail: everything stays queued
      const inFlight = queue.leased().filter((item) => !inKeepalive.has(item.event.messageId));
      void queue.take(MAX_ITEMS_PER_ROUND, now()).then((ready) => {
        const items = [...inFlight, ...ready];
        if (!items.length) return;
        const byId = new Map(items.map((item) => [item.event.messageId, item]));
        const { requests } = destination.toRequests(items.map((item) => item.event), new Date(now()).toISOString(), { maxBatchBytes: transport.keepaliveBudget() });
        const unsent = new Set(ready.map((item) => item.event.messageId));
        for (const request of requests) {
          if (request.bytes > transport.keepaliveBudget()) break;
          request.messageIds.forEach((id) => unsent.delete(id));
          void send(request).then((response) => settle(request, response, byId));
        }
        // What did not fit stays queued (the durable buffer keeps it for the next page view).
        void queue.release([...unsent], 0, false);
      });
    },
    stats: () => ({ queued: queue.size(), ...stats, dropped: { ...stats.dropped } }),
  };
}
