// Entry of the on-demand tracker piece (dist/tally-tracker.js): the no-code DOM listeners for click, submit and page rules.
// Loaded with the rules piece when `events` has such rules (started once the rules piece has read the definitions), or
// for `pageviews: 'history'`.
import { startTracker as start } from './tracker';
import { trackPageviews } from './pageviews';
import { createRuleSet } from '../rules/rule-set';
import type { Host } from '../api/types';

/** `pageviews: 'history'`: page() on every real URL change and back/forward-cache restore. */
export function startPageviews(host: Host): void {
  if (host.config.pageviews) trackPageviews(() => host.analytics.page(), host.config.pageviews);
}

/** Starts the listeners for the host's definitions (after the clicks and submits made while it loaded); rule events go through the public API like any other call. */
export function startTracker(host: Host): void {
  start(host.rules ?? createRuleSet(), host.analytics, host.earlyEvents?.stop() ?? []);
}
