// Touches window: `dataLayer: { ecommerce: true }`, the GA4 ecommerce pushes of the page's data layer sent as Segment's
// Ecommerce Spec v2 events without a rule. In the data layer piece only (src/triggers/data-layer/), which the tracker
// loads for that option: the rules, debug and picker pieces need none of its mapping.
import { DEFAULT_LAYER, onPushes, pushedTo } from './data-layer';
import { toSegmentEvents } from './ga4-ecommerce';
import type { JsonObject } from '../event/types';

/**
 * Sends the ecommerce events of the pushes made so far, in order, then of each later push, through the public API (so
 * an `events` definition of the Segment name still gates and toggles them), from the data layer named `layer`.
 */
export function startEcommerce(layer: string | undefined, track: (name: string, properties: JsonObject) => void): void {
  const send = (item: unknown) => {
    for (const [name, properties] of toSegmentEvents(item)) track(name, properties);
  };
  const name = layer ?? DEFAULT_LAYER;
  for (const item of pushedTo(name)) send(item);
  onPushes(name, send);
}
