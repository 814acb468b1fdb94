// The ESM entry for bundlers: load() returns the same instance API as the script tag.
import { createAnalytics, type Analytics } from './api/analytics';
import { createInertAnalytics, isServer } from './api/inert';
import type { Options } from './config/config';
import { loadBundledKind, loadBundledPiece } from './pieces/bundled';
import { logWarning } from './errors';

const instances = new Map<string, Analytics>();

/**
 * Starts tally (once per write key: a second call returns the same instance). On a server (no window) it resolves to an
 * inert instance whose calls do nothing, and says once that tally runs in the browser.
 * @example const analytics = await load('WRITE_KEY', { flushAt: 10 }); analytics.track('Signed Up')
 */
export async function load(writeKey: string, options?: Options): Promise<Analytics> {
  const existing = instances.get(writeKey);
  if (existing) return existing;
  if (isServer()) return createInertAnalytics(writeKey, options);
  const analytics = createAnalytics(writeKey, options, { pieces: loadBundledPiece, kinds: loadBundledKind });
  instances.set(writeKey, analytics);
  exposeGlobal(analytics);
  return analytics;
}

/** Sets `window[config.global]` to the instance, as analytics.js users expect, unless the page already has something there. */
function exposeGlobal(analytics: Analytics): void {
  const name = analytics.config.global;
  if (!name || typeof window === 'undefined') return;
  const global = window as unknown as Record<string, unknown>;
  if (global[name] === undefined) global[name] = analytics;
  else if (global[name] !== analytics) logWarning(`window.${name} is already set: load() left it as it is (option global)`);
}

export type { Analytics, User } from './api/analytics';
export type { CallResult, CallCallback, Properties, Id } from './api/types';
export type { Options, CoreOptions, Config } from './config/config';
export type { DestinationOptions } from './destinations/registry';
export type { SegmentOptions } from './destinations/segment';
export type { CustomerioOptions } from './destinations/customerio/config';
export type { Context } from './pipeline/pipeline';
export type { DeliveryStats } from './delivery/dispatcher';
export type { TallyEvent, CallOptions, JsonObject, PageContext, EventType } from './event/types';
export type { Destination, DestinationRequest, Outcome, TransportResponse } from './destinations/destination';
export { TallyError, ConfigError, DeliveryError } from './errors';
export { compilePlan, validateEvent } from './plan/plan';
export type { PlanOptions, PlanEntry, PropertySchema, Violation, CompiledPlan } from './plan/plan';
export type { SourceMiddleware, DestinationMiddleware, MiddlewarePayload, Plugin, PluginContext } from './middleware/types';
