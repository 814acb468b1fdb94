// The ESM entry for bundlers: load() returns the same instance API as the script tag.
import { createAnalytics, type Analytics } from './analytics';
import type { Options } from './config';
import { loadBundledExtension } from './extensions-bundled';

const instances = new Map<string, Analytics>();

/**
 * Starts tally (once per write key: a second call returns the same instance).
 * @example const analytics = await load('WRITE_KEY', { flushAt: 10 }); analytics.track('Signed Up')
 */
export async function load(writeKey: string, options?: Options): Promise<Analytics> {
  const existing = instances.get(writeKey);
  if (existing) return existing;
  const analytics = createAnalytics(writeKey, options, { extensions: loadBundledExtension });
  instances.set(writeKey, analytics);
  return analytics;
}

export type { Analytics, User } from './analytics';
export type { Options, Config } from './config';
export type { Context } from './pipeline';
export type { DeliveryStats } from './dispatcher';
export type { TallyEvent, CallOptions, JsonObject, PageContext, EventType } from './types';
export type { Destination, DestinationRequest, Outcome, TransportResponse } from './destinations/destination';
export { TallyError, ConfigError, DeliveryError } from './errors';
export { compilePlan, validateEvent } from './plan/plan';
export type { PlanOptions, PlanEntry, PropertySchema, Violation, CompiledPlan } from './plan/plan';
export type { SourceMiddleware, DestinationMiddleware, MiddlewarePayload, Plugin, PluginContext } from './middleware/types';
