// Entry of the on-demand tracker piece (dist/tally-tracker.js): the no-code DOM listeners for click, submit and page rules;
// the other kinds' runtimes are their own pieces, which it loads when a rule uses them.
// Loaded with the rules piece when `events` has such rules or `dataLayer` is set (started once the rules piece has read
// the definitions), or for `pageviews: 'history'`.
import { startTracker as start } from './tracker';
import { trackPageviews } from './pageviews';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from './early-events';
import type { PieceContext, Pieces } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

/** `pageviews: 'history'`: page() on every real URL change and back/forward-cache restore. */
export function startPageviews(host: PieceContext): void {
  if (host.config.pageviews) trackPageviews(() => host.analytics.page(), host.config.pageviews);
}

/**
 * Starts the listeners for the rules piece's definitions (after the clicks and submits made while it loaded), loading
 * the pieces of the kinds in use, and the data layer's for `dataLayer` (its GA4 ecommerce events); they go through the
 * public API like any other call.
 */
export function startTracker(host: PieceContext, rules: RuleSet, early: EarlyEvent[], optionPieces: readonly string[]): void {
  const options = { dataLayer: host.config.dataLayer };
  start(rules, host.analytics, {
    early,
    options,
    loadKind: host.loadKind,
    optionPieces,
    storing: () => host.storage.allowed(),
    sessionId: host.sessionId,
  });
}

({ startPageviews, startTracker }) satisfies Pieces['tracker'];
