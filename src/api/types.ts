// The public instance's types: the Analytics API, its User, the test seams, and the Host the on-demand pieces extend.
import type { Config } from '../config/config';
import type { DeliveryStats } from '../delivery/dispatcher';
import type { Emitter } from './emitter';
import type { Identity } from '../identity/identity';
import type { Context } from '../pipeline/pipeline';
import type { Route } from '../pipeline/route';
import type { IdentityStores } from '../consent/persistence';
import type { LoadPiece } from '../pieces/loader';
import type { Transport } from '../delivery/transport';
import type { Gate } from '../pipeline/gates';
import type { DestinationMiddleware, Plugin, SourceEntry, SourceMiddleware } from '../middleware/types';
import type { JsonObject } from '../event/types';
import type { DeliveryNote } from '../debug/overlay';
import type { DestinationEntry } from '../destinations/registry';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from '../tracker/early-events';

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

/** Seams for tests and for later pieces (gates, destinations, transports). */
export interface AnalyticsDependencies {
  identity?: Identity;
  transport?: Transport;
  gates?: Gate[];
  /** Skips page lifecycle listeners (unit tests without a full DOM). */
  listen?: boolean;
  /** Where the on-demand pieces (plan, consent, middleware, extras, debug, rules, tracker, customerio) come from. */
  pieces?: LoadPiece;
  /** The destinations tally knows (default: the registry's DESTINATIONS). */
  destinations?: readonly DestinationEntry[];
}

/** What the instance emits for debug output: each event as built, each request's answer. */
export type DebugNote = ['tally:event', Context] | ['tally:delivery', DeliveryNote];

/** What the on-demand pieces (src/<feature>/piece.ts) work with: the instance and the internals they extend. */
export interface Host {
  /** Set once, right after the instance is made. */
  analytics: Analytics;
  readonly config: Config;
  readonly emitter: Emitter;
  readonly routes: Route[];
  /** identity's store lists, when tally opened them: the consent piece adds or removes cookie + localStorage. */
  readonly stores?: IdentityStores;
  /** Whether the buffer may open storage (IndexedDB, localStorage): false until a grant when consent is required. */
  storing: boolean;
  debug: boolean;
  /** The debug notes (events, delivery results) made while the debug piece loads, in order; undefined once it has them. */
  earlier?: DebugNote[];
  /** How long trackLink / trackForm may hold navigation. */
  timeoutMs: number;
  /** The storage the event buffer fell back to, and why, for the debug piece's console output. */
  storageFallback?: { kind: string; error: unknown };
  readonly sources: SourceEntry[];
  /** Destination middleware by destination name. */
  readonly destinationMiddleware: Record<string, DestinationMiddleware[]>;
  /** The definitions in force (inline `events` and the rules document), once the rules piece has read them; the tracker and debug pieces follow their changes. */
  rules?: RuleSet;
  /** What the rules piece found wrong when it read the definitions (errors and warnings), for the debug preview. */
  ruleProblems?: string[];
  /** Fills the plan gate (loads the plan piece), for a rules document that brings a plan. */
  fillPlan?(): Promise<void>;
  /** Set by the plan piece: replaces the plan in force (a rules document's plan wins over the `plan` option). */
  replacePlan?(plan: unknown): void;
  /** The clicks and submits recorded while the tracker piece loads; it takes them when it starts. */
  earlyEvents?: { stop(): EarlyEvent[] };
}
