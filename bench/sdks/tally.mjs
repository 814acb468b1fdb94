// tally: dist/tally.min.js through the official Segment snippet, delivering to the collector.
import { segmentSnippet } from './snippet.mjs';

/** How many events tally sends per request with batching on (flushAt), and its flush interval. */
export const TALLY_BATCH = { flushAt: 1000, flushInterval: 5000 };

export default {
  name: 'tally',
  sink: 'collector',
  batching: `flushAt ${TALLY_BATCH.flushAt}, flushInterval ${TALLY_BATCH.flushInterval}`,
  flushIntervalMs: { defaults: 5000, batching: TALLY_BATCH.flushInterval },
  ownScript: /\/tally[\w.-]*\.js/,
  // `options`: more load options for a page type or the interaction page (rules, Customer.io, …).
  head: ({ site, collectorApi, key, batching, options = {} }) =>
    segmentSnippet({
      key,
      scriptUrl: JSON.stringify(`${site}/tally.min.js`),
      options: { segment: { apiHost: `${collectorApi}/v1` }, ...(batching ? TALLY_BATCH : {}), ...options },
    }),
};
