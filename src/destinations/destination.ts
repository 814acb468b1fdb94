// The destination seam: a data mapper from a batch of events to HTTP requests, and from an answer to a verdict per event.
import { splitBatches, utf8Length, type Limits, type Rejected } from './batch';
import type { EventIdentity } from '../event/build';
import type { TallyEvent } from '../event/types';
import type { Problems } from '../config/readers';

/** One HTTP request a destination wants sent, and the events it carries. */
export interface DestinationRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  messageIds: string[];
  /** Byte length of `body`, for the keepalive budget. */
  bytes: number;
}

/** The answer to a request, as the transport hands it over; status 0 is a network error or a timeout. */
export interface TransportResponse {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** Per-event results of one request, for answers that say more than a status (e.g. Customer.io's 207); an absent list is empty. */
export interface Outcome {
  done?: string[];
  retry?: string[];
  drop?: Rejected[];
}

/** The requests that carry a batch of events, and the events no request can ever carry, with why. */
export interface Requests {
  requests: DestinationRequest[];
  rejected: Rejected[];
  /** Events the service has no use for after all (see deferred.ts): taken off the queue unsent, not counted as drops. */
  skipped?: string[];
}

/** A service tally delivers to. It knows its wire format; it knows nothing of queues, retries or storage. */
export interface Destination {
  /** The name `options.integrations` and event definitions use: 'Segment.io', 'Customer.io'. */
  readonly name: string;
  /**
   * Called once when an event is routed here, before it is queued: a chance to stamp what the mapping needs
   * later (e.g. the person's email) so the queued event stands alone across reloads. Returns the event to queue,
   * or undefined when the service has no use for it (it is then not queued for this destination).
   */
  prepare?(event: TallyEvent, identity: EventIdentity): TallyEvent | undefined;
  /** Settles when the destination can build requests (its wire format may be an on-demand piece); rejects when it never can. */
  readonly ready?: Promise<void>;
  /** True once its piece found its settings unusable (deferred.ts): its events are taken off the queue unsent. */
  readonly off?: boolean;
  /** Least time between two requests' starts, for services with a rate limit and no batch endpoint for some events. */
  readonly requestGapMs?: number;
  /**
   * The requests that carry `events`, split to the service's limits (`limits` narrows them, e.g. to the 64 KB
   * keepalive budget at unload), and the events no request can ever carry, with why.
   */
  toRequests(events: TallyEvent[], sentAt: string, limits?: Partial<Limits>): Requests;
  /** Reads an answer that carries per-event results; undefined lets the status decide for the whole request. */
  readResponse?(request: DestinationRequest, response: TransportResponse): Outcome | undefined;
}

/** What a destination's reader sees besides its own option: load()'s write key and its `integrations` object. */
export interface LoadContext {
  writeKey: string;
  integrations: Readonly<Record<string, unknown>>;
  /** The first-party edge every destination goes through (`edge` option), without a trailing slash; undefined without one. */
  edge?: string;
}

/**
 * What creating a destination may use: the on-demand pieces, by their name in the piece table (a destination may keep its
 * wire format in one; it knows that piece's interface, the core does not).
 */
export interface DestinationHost {
  loadPiece(name: string): Promise<unknown>;
  /** Where a piece reports what is wrong with the destination's option: logged once, and kept for the debug panel. */
  reportProblems(problems: Problems): void;
}

/**
 * One destination, described once. `Input` is the shape of its load() option and `Key` that option's name: the public
 * `Options` type reads both from the registry, so a registered destination's option is typed without an index signature.
 */
export interface DestinationEntry<Settings = unknown, Input = unknown, Key extends string = string> {
  /** The load() option that holds its settings, and its short name in an event definition's `destinations` toggle. */
  readonly key: Key;
  /** Types only, never set: the shape of its load() option (what `read` accepts), for the public `Options` type. */
  readonly options?: Input;
  /** Its `integrations` key, as analytics.js users write it (`Segment.io`, `Customer.io`). */
  readonly name: string;
  /** Validates its option (problems name the field); null when it is not configured or `integrations` turns it off. */
  read(problems: Problems, input: unknown, load: LoadContext): Settings | null;
  /** Makes the destination from its validated settings. */
  create(settings: Settings, host: DestinationHost): Destination;
}

/**
 * Packs events into requests to one URL, within `limits`: `wrap` puts the comma-joined event JSON into the body
 * (e.g. `{"batch":[…]}`). An event over the limits, or that `serialize` throws on, is rejected with why.
 * @example packRequests(events, JSON.stringify, SEGMENT_LIMITS, (items) => `{"batch":[${items}]}`, url, headers)
 */
export function packRequests(
  events: TallyEvent[],
  serialize: (event: TallyEvent) => string,
  limits: Limits,
  wrap: (items: string) => string,
  url: string,
  headers: Record<string, string>,
): Requests {
  const { batches, rejected } = splitBatches(events, serialize, limits, utf8Length(wrap('')));
  const requests = batches.map(({ json, ...batch }) => ({ url, headers, body: wrap(json), ...batch }));
  return { requests, rejected };
}
