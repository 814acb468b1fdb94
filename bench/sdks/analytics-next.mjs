// @segment/analytics-next: its standalone bundle as the snippet loads it (CDN = the bench site origin), settings served
// locally with apiHost at the collector; lazy chunks come from <cdn>/analytics-next/bundles/.
import { segmentSnippet } from './snippet.mjs';

/** analytics-next's batching strategy, as documented for `integrations['Segment.io'].deliveryStrategy`. */
export const SEGMENT_BATCH = { strategy: 'batching', config: { size: 1000, timeout: 5000 } };

/** What Segment's CDN answers at /v1/projects/<key>/settings for a source with only the Segment.io destination. */
export function segmentSettings(key, collectorApi) {
  const host = collectorApi.replace(/^https?:\/\//, '');
  return {
    integrations: {
      'Segment.io': {
        apiKey: key,
        apiHost: `${host}/v1`,
        protocol: 'http',
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
        versionSettings: { version: '4.4.7', componentTypes: ['browser'] },
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    // Segment's own telemetry would go to api.segment.io: off, so that nothing leaves loopback.
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

export default {
  name: 'analytics-next',
  sink: 'collector',
  batching: `deliveryStrategy batching, size ${SEGMENT_BATCH.config.size}, timeout ${SEGMENT_BATCH.config.timeout}`,
  flushIntervalMs: { defaults: 0, batching: SEGMENT_BATCH.config.timeout },
  ownScript: /\/analytics(\.js\/v1|-next\/bundles)\//,
  head: ({ site, key, batching }) =>
    segmentSnippet({
      key,
      scriptUrl: `${JSON.stringify(`${site}/analytics.js/v1/`)} + key + "/analytics.min.js"`,
      before: `analytics._cdn = ${JSON.stringify(site)};`,
      options: batching ? { integrations: { 'Segment.io': { deliveryStrategy: SEGMENT_BATCH } } } : {},
    }),
};
