// The public instance's types: the Analytics API and its User (the core's own state is host.ts's).
import type { Config } from '../config/config';
import type { DeliveryStats } from '../delivery/dispatcher';
import type { Context } from '../pipeline/pipeline';
import type { DestinationMiddleware, Plugin, SourceMiddleware } from '../middleware/types';
import type { CallOptions, JsonObject } from '../event/types';

/** A public call's arguments, shuffled as analytics.js does. */
export type Args = unknown[];

/**
 * What a tracking call resolves to (and its callback receives): the event as built and the destinations it was queued
 * for, or the gate that stopped it. undefined only when tally could not read the call (an empty event name, group()
 * without a group id): it then logs one console error and emits `error`, and the callback is not called.
 */
export type CallResult = Context | undefined;

/** A tracking call's callback, as analytics.js's: called once with what the call became. */
export type CallCallback = (context: Context) => void;

/** Properties or traits: a plain object (Dates become ISO strings, undefined values are left out). */
export type Properties = Record<string, unknown>;

/** A user or group id: analytics.js takes numbers too (sent as strings). */
export type Id = string | number;

/** `analytics.user()`: analytics.js's User, reading and writing the cached identity. */
export interface User {
  id(id?: string | null): string | null;
  anonymousId(id?: string): string;
  traits(traits?: JsonObject): JsonObject;
}

/** page() and screen(): `(category?, name?, properties?, options?, callback?)`, any of them left out, as analytics.js. */
export type PageCall = (
  category?: string | Properties | CallCallback,
  name?: string | Properties | CallOptions | CallCallback,
  properties?: Properties | CallOptions | CallCallback,
  options?: CallOptions | CallCallback,
  callback?: CallCallback,
) => Promise<CallResult>;

/** identify() and group(): `(id?, traits?, options?, callback?)`; without an id, the current user's or group's. */
export type IdentityCall = (
  id?: Id | null | Properties | CallCallback,
  traits?: Properties | CallOptions | CallCallback,
  options?: CallOptions | CallCallback,
  callback?: CallCallback,
) => Promise<CallResult>;

/** The live instance that replaces the snippet's stub at `window.analytics`. */
export interface Analytics {
  readonly initialized: true;
  readonly VERSION: string;
  /** A track event: `track('Signed Up', { plan: 'pro' })`; also analytics.js's `track({ event, properties }, options)`. */
  track(
    event: string | { event: string; properties?: Properties },
    properties?: Properties | CallOptions | CallCallback,
    options?: CallOptions | CallCallback,
    callback?: CallCallback,
  ): Promise<CallResult>;
  /** Sets the user id (kept across page views) and merges traits: `identify('user-123', { email })` or `identify({ plan })`. */
  identify: IdentityCall;
  /** A page view: `page()`, `page('Pricing')`, `page('Docs', 'Pricing', { plan })`, `page({ path })`. */
  page: PageCall;
  /** analytics.js's old `pageview(url)`: a page view with that path. */
  pageview(url?: string): Promise<CallResult>;
  /** As page(), for screens. */
  screen: PageCall;
  /** Sets the group id and merges its traits: `group('acme', { plan })`; without an id, the current group's. */
  group: IdentityCall;
  /** An alias event: `alias('user-123')`; `previousId` defaults to the current user or anonymous id. */
  alias(
    userId: Id,
    previousId?: Id | null | CallOptions | CallCallback,
    options?: CallOptions | CallCallback,
    callback?: CallCallback,
  ): Promise<CallResult>;
  reset(): void;
  ready(callback?: () => void): Promise<void>;
  on(name: string, handler: (...args: unknown[]) => void): Analytics;
  once(name: string, handler: (...args: unknown[]) => void): Analytics;
  off(name: string, handler?: (...args: unknown[]) => void): Analytics;
  user(): User;
  setAnonymousId(id?: string): string;
  debug(on?: boolean): Analytics;
  /** Sends everything queued now; settles when each request has been answered (or handed to the buffer). */
  flush(): Promise<void>;
  /** analytics.js's queue API: `analytics.push(['track', 'Clicked'])`. */
  push(call: unknown): void;
  /** Delivery counters per destination. */
  stats(): Record<string, DeliveryStats>;
  readonly config: Config;
  /** Records the visitor's choice: `true`, `false`, or per category `{ marketing: false, analytics: true }` (docs/consent.md). */
  consent(choice: boolean | Record<string, boolean>): Analytics;
  /** analytics.js source middleware: `({ payload, next, integrations }) => next(payload)`. */
  addSourceMiddleware(fn: SourceMiddleware): Promise<Analytics>;
  /** analytics.js destination middleware for one destination (`'Segment.io'`, `'Customer.io'`). */
  addDestinationMiddleware(destination: string, ...fns: DestinationMiddleware[]): Promise<Analytics>;
  /** analytics-next plugins; their track / identify / page hooks run in the source chain. */
  register(...plugins: Plugin[]): Promise<void>;
  /** Opens the point-and-click rule picker (the picker piece), as `?tally_pick=1` does (docs/nocode.md "The picker"). */
  pick(): Analytics;
  trackLink(...args: Args): Analytics;
  trackForm(...args: Args): Analytics;
  /** How long trackLink / trackForm may hold navigation (default 300 ms). */
  timeout(ms: number): void;
}
