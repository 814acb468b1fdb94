// Sends one destination's leased events: builds the requests, spaces them by the service's gap, reads each answer
// (per event where the service says more than a status), and acks, retries or drops accordingly. Part of the dispatcher.
import { DeliveryError, describeEvent } from '../errors';
import { MAX_ATTEMPTS, backoffMs, parseRetryAfter, verdictFor, type Verdict } from './retry';
import type { Limits, Rejected } from '../destinations/batch';
import type { Destination, DestinationRequest, Outcome, Requests, TransportResponse } from '../destinations/destination';
import type { QueueItem, Queue } from './queue';
import type { Transport } from './transport';
import type { TallyEvent } from '../event/types';
import { completeDeviceContext } from '../event/environment';

/** What a sender needs: the dispatcher's destination, queue and transport, where drops are counted, and its seams. */
export interface SenderOptions {
  destination: Destination;
  queue: Queue;
  transport: Transport;
  /** Where drops are counted by reason (stats().dropped). */
  dropped: Record<string, number>;
  /** Told of every event dropped for good, once. */
  onDrop?: (error: DeliveryError, event: TallyEvent) => void;
  /** Told of each request's result, for debug output. */
  onResult?: (request: DestinationRequest, response: TransportResponse) => void;
  now: () => number;
  random?: () => number;
}

/** The requests that carry some items, the events none can carry, and the items by messageId. */
export type Built = Requests & { byId: Map<string, QueueItem> };

/** What the dispatcher's rounds and its unload pass use. */
export interface Sender {
  /** Sends leased items; when the service asks to back off, releases the rest and returns until when. */
  deliver(items: QueueItem[], limits?: Partial<Limits>): Promise<number | undefined>;
  /** The requests that carry `items` within `limits`, the events none can carry, and the items by messageId. */
  build(items: QueueItem[], limits?: Partial<Limits>): Built;
  /** Sends one request now (`unloading`: the page is going away); the answer is read by `settle`. */
  send(request: DestinationRequest, unloading?: boolean): Promise<TransportResponse>;
  settle(request: DestinationRequest, response: TransportResponse, byId: Map<string, QueueItem>): Promise<number | undefined>;
  /** Whether a keepalive request in flight carries this event (a second unload must not resend it). */
  inKeepalive(messageId: string): boolean;
  /**
   * The page left with keepalive requests carrying these events: a network error on their answer (all a page restored
   * from the back/forward cache gets, in WebKit, though the browser delivered them) counts as delivered.
   */
  handOff(messageIds: string[]): void;
  /**
   * Whether what keepalive carries as the page leaves can be taken as delivered: the service's last answer on this page
   * view was a success (or none came yet). After a failure, the next page view sends it again instead.
   */
  serviceHealthy(): boolean;
  /** Events acknowledged and released for another attempt, for stats(). */
  readonly counts: { sent: number; retried: number };
}

/** Creates the sender of one dispatcher. */
export function createSender(options: SenderOptions): Sender {
  const { destination, transport, now } = options;
  const keepaliveIds = new Set<string>();
  const handedOff = new Set<string>();
  const counts = { sent: 0, retried: 0 };
  const drop = createDropper(options);
  let lastSentAt = -Infinity;
  let lastStatus: number | undefined; // the service's last answer on this page view (0: a network error)
  let unloadSends = 0; // requests unload passes started on this page view

  /** Sends a request, remembering while it is in flight whether keepalive carries it (a second unload must not resend it). */
  function send(request: DestinationRequest, unloading = false): Promise<TransportResponse> {
    if (unloading) unloadSends += 1;
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
    const { byId, requests, rejected, skipped } = build(items, limits);
    if (skipped?.length) await options.queue.ack(skipped);
    await drop(rejected, byId);
    const unloadSendsBefore = unloadSends;
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i];
      const wait = lastSentAt + (destination.requestGapMs ?? 0) - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // The page hid while this round waited (its gap, an answer): an unload pass has sent what was still to go.
      if (unloadSends !== unloadSendsBefore && overtaken(request, options.queue, keepaliveIds)) continue;
      lastSentAt = now();
      const backedOff = await settle(request, await send(request), byId);
      if (backedOff) {
        await options.queue.release(
          requests.slice(i + 1).flatMap((later) => later.messageIds),
          backedOff,
          false,
        );
        return backedOff;
      }
    }
    return undefined;
  }

  const apply = createApplier({ ...options, counts, drop, deliver });

  /** Applies an answer to its events; returns the time to wait until when the service asked to back off. */
  function settle(request: DestinationRequest, response: TransportResponse, byId: Map<string, QueueItem>): Promise<number | undefined> {
    options.onResult?.(request, response);
    lastStatus = response.status;
    const ids = request.messageIds;
    const handed = ids.filter((id) => handedOff.delete(id)).length === ids.length;
    // A page that left sees its keepalive requests end in a network error (WebKit, or on a back/forward-cache
    // restore) though the browser delivered them: sending them again would only duplicate them.
    if (handed && response.status === 0) return Promise.resolve(options.queue.ack(ids)).then(() => undefined);
    return apply(request, response, byId);
  }

  return {
    deliver,
    build,
    send,
    settle,
    inKeepalive: (id) => keepaliveIds.has(id),
    handOff: (ids) => ids.forEach((id) => handedOff.add(id)),
    serviceHealthy: () => lastStatus === undefined || (lastStatus >= 200 && lastStatus < 300),
    counts,
  };
}

/** What applying an answer uses besides the sender's options: its counters, its dropper, and deliver() to split a batch. */
interface ApplierInputs extends SenderOptions {
  counts: { sent: number; retried: number };
  drop: (drops: Rejected[], byId: Map<string, QueueItem>) => Promise<void>;
  deliver: Sender['deliver'];
}

/** Reads an answer into acks, retries (with their backoff) and drops; returns the time to wait until when backing off. */
function createApplier({ destination, queue, now, random, counts, drop, deliver }: ApplierInputs) {
  return async (request: DestinationRequest, response: TransportResponse, byId: Map<string, QueueItem>) => {
    const { status } = response;
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
    const { done = [], retry = [], drop: drops = [] } = detailed ?? outcomeOf(verdict, request, status);
    counts.sent += done.length;
    await queue.ack(done);
    // byId has every event of the request: toRequests built it from them.
    const tried = (id: string) => (byId.get(id)?.attempts ?? 0) + 1;
    const again = retry.filter((id) => tried(id) < MAX_ATTEMPTS);
    const reason = `gave up after ${MAX_ATTEMPTS} attempts (last answer: ${status || 'network error'})`;
    await drop(drops.concat(retry.filter((id) => tried(id) >= MAX_ATTEMPTS).map((messageId) => ({ messageId, reason }))), byId);
    if (!again.length) return undefined;
    const notBefore = now() + Math.max(parseRetryAfter(response.retryAfter, now()) ?? 0, backoffMs(Math.max(...again.map(tried)), random));
    counts.retried += again.length;
    await queue.release(again, notBefore, true);
    return notBefore;
  };
}

/** Whether every event of `request` is in a keepalive request already, or no longer leased in `queue` (answered, released). */
function overtaken(request: DestinationRequest, queue: Queue, keepaliveIds: Set<string>): boolean {
  const leased = new Set(queue.leased().map((item) => item.event.messageId));
  return request.messageIds.every((id) => keepaliveIds.has(id) || !leased.has(id));
}

/** The requests that carry `items` within `limits`, the events none can carry, and the items by messageId. */
function buildRequests(destination: Destination, items: QueueItem[], sentAt: string, limits?: Partial<Limits>): Built {
  const byId = new Map(items.map((item) => [item.event.messageId, item]));
  // Events built before the page was idle lack the device's timezone: read now if it still is not.
  for (const { event } of items) completeDeviceContext(event.context);
  const built = destination.toRequests(
    items.map((item) => item.event),
    sentAt,
    limits,
  );
  return { byId, ...built };
}

/**
 * Without per-event answers, the status speaks for every event of the request ('split' here is one event: dropped). A
 * 404 most often means a wrong apiHost: the reason names the URL posted to.
 */
function outcomeOf(verdict: Verdict, { messageIds: ids, url }: DestinationRequest, status: number): Outcome {
  const key = `the service answered ${status}`;
  const reason = status === 404 ? `${key} at ${url}: check the destination's apiHost (tally posts to <apiHost>/batch)` : key;
  if (verdict === 'drop' || verdict === 'split') return { drop: ids.map((messageId) => ({ messageId, reason, key })) };
  return { [verdict]: ids };
}

/** Acks events dropped for good, counts them by their key (the reason without a varying size) in `dropped`, reports each to `onDrop`. */
function createDropper({ queue, dropped, onDrop, destination }: SenderOptions) {
  return async (drops: Rejected[], byId: Map<string, QueueItem>) => {
    if (!drops.length) return;
    await queue.ack(drops.map((entry) => entry.messageId));
    for (const { messageId, reason, key = reason } of drops) {
      dropped[key] = (dropped[key] ?? 0) + 1;
      const item = byId.get(messageId);
      if (item) onDrop?.(new DeliveryError(destination.name, messageId, reason, describeEvent(item.event)), item.event);
    }
  };
}
