// @rudderstack/analytics-js v3: its "bundled" build (plugins inside, since the CDN's federated plugins are not on npm),
// minified as a site's bundler would; sourceConfig and the data plane are the bench server's API origin.

/** RudderStack's batching options (queueOptions.batch). */
export const RUDDER_BATCH = { enabled: true, maxItems: 1000, flushInterval: 5000 };

export default {
  name: 'rudderstack',
  sink: 'bench',
  batching: `queueOptions.batch maxItems ${RUDDER_BATCH.maxItems}, flushInterval ${RUDDER_BATCH.flushInterval}`,
  flushIntervalMs: { defaults: 0, batching: RUDDER_BATCH.flushInterval },
  ownScript: /\/rudderstack[\w.-]*\.js/,
  head: ({ site, api, key, batching }) => `<script src="${site}/rudderstack.min.js"></script>
<script>
var ra = new rudderanalytics.RudderAnalytics();
window.rudderanalytics = ra;
ra.load(${JSON.stringify(key)}, ${JSON.stringify(api)}, ${JSON.stringify({
    configUrl: api,
    destSDKBaseURL: `${site}/rudderstack-integrations`,
    pluginsSDKBaseURL: `${site}/rudderstack-plugins`,
    ...(batching ? { queueOptions: { batch: RUDDER_BATCH } } : {}),
  })});
ra.ready(function () { __bench.markReady(); });
__bench.track = function (name, props) { return ra.track(name, props); };
</script>`,
};
