// Entry of the on-demand tracker piece (dist/tally-tracker.js): the no-code DOM listeners for click, submit and page rules.
// Loaded with the rules piece when `events` has such rules or `dataLayer` is set (started once the rules piece has read
// the definitions), or for `pageviews: 'history'`.
import { startTracker as start } from './tracker';
import { trackPageviews } from './pageviews';
import { startEcommerce } from './ecommerce';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from './early-events';
import type { PieceContext, Pieces } from '../pieces/contract';

/** `pageviews: 'history'`: page() on every real URL change and back/forward-cache restore. */
export function startPageviews(host: PieceContext): void {
  if (host.config.pageviews) trackPageviews(() => host.analytics.page(), host.config.pageviews);
}

/**
 * Starts the listeners for the rules piece's definitions (after the clicks and submits made while it loaded), and the
 * GA4 ecommerce events of `dataLayer: { ecommerce: true }`; they go through the public API like any other call.
 */
export function startTracker(host: PieceContext, rules: RuleSet, early: EarlyEvent[]): void {
  start(rules, host.analytics, early, { dataLayer: host.config.dataLayer }, () => host.storage.allowed());
  startEcommerce(host.config.dataLayer, host.analytics);
}

({ startPageviews, startTracker }) satisfies Pieces['tracker'];
