// The shapes analytics.js gives middleware and plugins: a payload with `obj`, `next`, and plugins with per-type hooks.
import type { TallyEvent } from '../event/types';

/** analytics.js's payload facade: `obj` is the event (a copy: change it, or assign a new one, then call next). */
export interface MiddlewarePayload {
  obj: TallyEvent;
  type(): string;
  event(): string | undefined;
  properties(): Record<string, unknown>;
  traits(): Record<string, unknown>;
  userId(): string | undefined;
  anonymousId(): string | undefined;
  rawEvent(): TallyEvent;
}

/** `analytics.addSourceMiddleware(fn)`: call `next(payload)` to go on; never calling it drops the event. */
export type SourceMiddleware = (params: {
  payload: MiddlewarePayload;
  integrations: Record<string, unknown>;
  next(payload?: MiddlewarePayload | null): void;
}) => unknown;

/** `analytics.addDestinationMiddleware(name, fn)`: `next(null)` or never calling next drops the event for that destination. */
export type DestinationMiddleware = (params: {
  payload: MiddlewarePayload;
  integration: string;
  next(payload: MiddlewarePayload | null): void;
}) => unknown;

/** The context a plugin hook receives, as analytics-next's: `ctx.event`, `ctx.updateEvent('properties.x', 1)`. */
export interface PluginContext {
  event: TallyEvent;
  updateEvent(path: string, value: unknown): PluginContext;
}

type Hook = (ctx: PluginContext) => PluginContext | void | Promise<PluginContext | void>;

/** An analytics-next plugin; tally runs `enrichment` and `before` hooks in the chain, and hands others a copy. */
export interface Plugin {
  name: string;
  type?: 'before' | 'enrichment' | 'destination' | 'after' | 'utility';
  version?: string;
  load?(ctx: PluginContext, analytics: unknown): unknown;
  isLoaded?(): boolean;
  track?: Hook;
  identify?: Hook;
  page?: Hook;
  screen?: Hook;
  group?: Hook;
  alias?: Hook;
}

/** One step of the source chain: a middleware function or a registered plugin. */
export type SourceEntry = SourceMiddleware | Plugin;

/** The `redact` option: PII keys taken out (or hashed) before any destination sees the event. */
export interface RedactConfig {
  properties: readonly string[];
  traits: readonly string[];
  method: 'hash' | 'remove';
}
