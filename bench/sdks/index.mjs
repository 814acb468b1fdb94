// The SDK adapters, in table order (tally first, then the peers it is compared with).
import tally from './tally.mjs';
import analyticsNext from './analytics-next.mjs';
import rudderstack from './rudderstack.mjs';
import posthog from './posthog.mjs';

/** Each adapter: { name, sink: 'collector' | 'bench', batching: description | null, flushIntervalMs, ownScript: RegExp of its script URLs, head(urls) → HTML }. */
export const SDKS = [tally, analyticsNext, rudderstack, posthog];
