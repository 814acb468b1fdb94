// Touches window: `dataLayer: { ecommerce: true }`, the GA4 ecommerce pushes of the page's data layer sent as Segment's
// Ecommerce Spec v2 events without a rule. In the tracker piece only (not a trigger kind: the rules, debug and picker
// pieces need none of its mapping).
import { readOption } from '../triggers/data-layer';
import { DEFAULT_LAYER, onPushes, pushedTo } from './data-layer';
import { toSegmentEvents } from './ga4-ecommerce';
import type { RuleApi } from './tracker';

/**
 * Sends the ecommerce events of the pushes made so far, in order, then of each later push, through the public API (so
 * an `events` definition of the Segment name still gates and toggles them). Does nothing without `ecommerce: true`.
 */
export function startEcommerce(value: unknown, api: RuleApi): void {
  const option = readOption(value);
  if (!option.ecommerce) return;
  const send = (item: unknown) => {
    for (const [name, properties] of toSegmentEvents(item)) api.track(name, properties, { context: { tally: { rule: name } } });
  };
  const name = option.name ?? DEFAULT_LAYER;
  for (const item of pushedTo(name)) send(item);
  onPushes(name, send);
}
