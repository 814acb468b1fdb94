// The shapes that cross tally's seams: the events it builds (Segment's spec) and the calls that make them.

/** A plain JSON object, as Segment's spec allows for properties, traits and context. */
export type JsonObject = { [key: string]: unknown };

/** The six Segment call types. */
export type EventType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

/** `context.page`, as analytics.js fills it. */
export interface PageContext {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

/**
 * One event in Segment's spec (https://segment.com/docs/connections/spec/common/).
 * Built once by `buildEvent`; later stages read it and never mutate it in place.
 */
export interface TallyEvent {
  type: EventType;
  messageId: string;
  timestamp: string;
  anonymousId?: string;
  userId?: string;
  event?: string;
  name?: string;
  category?: string;
  groupId?: string;
  previousId?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  context: JsonObject & { page?: PageContext; library: { name: string; version: string } };
  integrations: Record<string, unknown>;
}

/** Per-call options, as analytics.js takes them as the argument after properties or traits. */
export interface CallOptions {
  integrations?: Record<string, unknown>;
  context?: JsonObject;
  timestamp?: Date | string;
  anonymousId?: string;
  userId?: string;
  messageId?: string;
  [key: string]: unknown;
}

/** Callback handed to a public call; analytics.js calls it with the call's context. */
export type Callback = (context?: unknown) => void;

/**
 * A call after argument shuffling: what the app meant, before identity, page and clock are added.
 * `page` carries the page the call was made on when the snippet buffered it.
 */
export interface Call {
  type: EventType;
  event?: string;
  name?: string;
  category?: string;
  userId?: string | null;
  groupId?: string | null;
  previousId?: string | null;
  properties?: JsonObject;
  traits?: JsonObject;
  options: CallOptions;
  callback?: Callback;
  page?: BufferedPage;
}

/** The page a call was made on: snippet 5's buffered page context (`{__t:'bpc', ...}`) or one read live. */
export interface BufferedPage {
  canonical?: string;
  pathname: string;
  href: string;
  search: string;
  title: string;
  referrer: string;
}
