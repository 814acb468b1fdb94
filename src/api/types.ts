// The public instance's types: the Analytics API and its User (the core's own state is host.ts's).
import type { Config } from '../config/config';
import type { DeliveryStats } from '../delivery/dispatcher';
import type { Context } from '../pipeline/pipeline';
import type { DestinationMiddleware, Plugin, SourceMiddleware } from '../middleware/types';
import type { JsonObject } from '../event/types';

/** A public call's arguments, shuffled as analytics.js does. */
export type Args = unknown[];

/** `analytics.user()`: analytics.js's User, reading and writing the cached identity. */
export interface User {
  id(id?: string | null): string | null;
  anonymousId(id?: string): string;
  traits(traits?: JsonObject): JsonObject;
}

/** The live instance that replaces the snippet's stub at `window.analytics`. */
export interface Analytics {
  readonly initialized: true;
  readonly VERSION: string;
  track(...args: Args): Promise<Context | undefined>;
  identify(...args: Args): Promise<Context | undefined>;
  page(...args: Args): Promise<Context | undefined>;
  pageview(url?: string): Promise<Context | undefined>;
  screen(...args: Args): Promise<Context | undefined>;
  group(...args: Args): Promise<Context | undefined>;
  alias(...args: Args): Promise<Context | undefined>;
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
