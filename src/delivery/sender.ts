// Sends one destination's leased events: builds the requests, spaces them by the service's gap, reads each answer
// (per event where the service says more than a status), and acks, retries or drops accordingly. Part of the dispatcher.
import { DeliveryError, describeEvent } from '../errors';
import { MAX_ATTEMPTS, backoffMs, parseRetryAfter, verdictFor, type Verdict } from './retry';
import type { Limits, Rejected } from '../destinations/batch';
import type { Destination, DestinationRequest, Outcome, TransportResponse } from '../destinations/destination';
import type { Queue, QueueItem } from './queue';
import type { Transport } from './transport';
import type { TallyEvent } from '../event/types';

// Declared here, not in dispatcher.ts, so the sender does not import the dispatcher that imports it (no cycle).
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

/** What the dispatcher's rounds and its unload pass use. */
export interface Sender {
  /** Sends leased items; when the service asks to back off, releases the rest and returns until when. */
  deliver(items: QueueItem[], limits?: Partial<Limits>): Promise<number | undefined>;
  /** The requests that carry `items` within `limits`, the events none can carry, and the items by messageId. */
  build(
    items: QueueItem[],
    limits?: Partial<Limits>,
  ): ReturnType<DispatcherOptions['destination']['toRequests']> & { byId: Map<string, QueueItem> };
  /** Sends one request now (`unloading`: the page is going away); the answer is read by `settle`. */
  send(request: DestinationRequest, unloading?: boolean): Promise<TransportResponse>;
  settle(request: DestinationRequest, response: TransportResponse, byId: Map<string, QueueItem>): Promise<number | undefined>;
  /** Whether a keepalive request in flight carries this event (a second unload must not resend it). */
  inKeepalive(messageId: string): boolean;
  /**
   * Whether what keepalive carries as the page leaves can be taken as delivered: the service's last answer on this page
   * view was a success (or none came yet). After a failure, the next page view sends it again instead.
   */
  serviceHealthy(): boolean;
  /** Events acknowledged and released for another attempt, for stats(). */
  readonly counts: { sent: number; retried: number };
}

/** Creates the sender of one dispatcher (`options` as the dispatcher has them). */
export function createSender(options: DispatcherOptions & { now: () => number; dropped: Record<string, number> }): Sender {
  const { destination, queue, transport, onResult, random, now } = options;
  const drop = createDropper(options);
  const keepaliveIds = new Set<string>();
  const counts = { sent: 0, retried: 0 };
  let lastSentAt = -Infinity;
  let lastStatus: number | undefined; // the service's last answer on this page view (0: a network error)

  /** Sends a request, remembering while it is in flight whether keepalive carries it (a second unload must not resend it). */
  function send(request: DestinationRequest, unloading = false): Promise<TransportResponse> {
    const started = transport.send(request, unloading);
    const ids = request.messageIds;
    if (started.keepalive) ids.forEach((id) => keepaliveIds.add(id));
    return started.response.finally(() => ids.forEach((id) => keepaliveIds.delete(id)));
  }

  const build = (items: QueueItem[], limits?: Partial<Limits>) => buildRequests(destination, items, new Date(now()).toISOString(), limits);

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
    lastStatus = status;
    const ids = request.messageIds;
    const detailed = destination.readResponse?.(request, response);
    const verdict = verdictFor(status);
    // 400/413 for a batch: send its events again in batches of half as many, so only the bad event is lost (when the
    // first half is told to back off, deliver() releases the second until then). A single event is dropped.
    if (!detailed && verdict === 'split' && ids.length > 1) {
      return deliver(
        ids.flatMap((id) => byId.get(id) ?? []),
        { maxBatchItems: Math.ceil(ids.length / 2) },
      );
    }
    const { done = [], retry = [], drop: drops = [] } = detailed ?? outcomeOf(verdict, ids, status);
    counts.sent += done.length;
    await queue.ack(done);
    // byId has every event of the request: toRequests built it from them.
    const tried = (id: string) => (byId.get(id)?.attempts ?? 0) + 1;
    const again = retry.filter((id) => tried(id) < MAX_ATTEMPTS);
    const reason = `gave up after ${MAX_ATTEMPTS} attempts (last answer: ${status || 'network error'})`;
    await drop(drops.concat(retry.filter((id) => tried(id) >= MAX_ATTEMPTS).map((messageId) => ({ messageId, reason }))), byId);
    if (!again.length) return;
    const notBefore = now() + Math.max(parseRetryAfter(response.retryAfter, now()) ?? 0, backoffMs(Math.max(...again.map(tried)), random));
    counts.retried += again.length;
    await queue.release(again, notBefore, true);
    return notBefore;
  }

  return {
    deliver,
    build,
    send,
    settle,
    inKeepalive: (id) => keepaliveIds.has(id),
    serviceHealthy: () => lastStatus === undefined || (lastStatus >= 200 && lastStatus < 300),
    counts,
  };
}

/** The requests that carry `items` within `limits`, the events none can carry, and the items by messageId. */
function buildRequests(destination: Destination, items: QueueItem[], sentAt: string, limits?: Partial<Limits>) {
  const byId = new Map(items.map((item) => [item.event.messageId, item]));
  const built = destination.toRequests(
    items.map((item) => item.event),
    sentAt,
    limits,
  );
  return { byId, ...built };
}

/** Without per-event answers, the status speaks for every event of the request ('split' here is one event: dropped). */
function outcomeOf(verdict: Verdict, ids: string[], status: number): Outcome {
  if (verdict === 'drop' || verdict === 'split')
    return { drop: ids.map((messageId) => ({ messageId, reason: `the service answered ${status}` })) };
  return { [verdict]: ids };
}

/** Acks events dropped for good, counts them by reason (numbers left out) in `dropped` and reports each to `onDrop`. */
function createDropper({
  queue,
  dropped,
  onDrop,
  destination,
}: Pick<DispatcherOptions, 'queue' | 'onDrop' | 'destination'> & { dropped: Record<string, number> }) {
  return async (drops: Rejected[], byId: Map<string, QueueItem>) => {
    if (!drops.length) return;
    await queue.ack(drops.map((entry) => entry.messageId));
    for (const { messageId, reason } of drops) {
      const key = reason.replace(/[\d,]+/g, 'N');
      dropped[key] = (dropped[key] ?? 0) + 1;
      const item = byId.get(messageId);
      if (item) onDrop?.(new DeliveryError(destination.name, messageId, reason, describeEvent(item.event)), item.event);
    }
  };
}
