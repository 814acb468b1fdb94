// posthog-js: array.js from <api_host>/static/ as PostHog's snippet loads it, then posthog.init with api_host at the
// bench server; its lazy extensions come from the same /static/. It batches by default (request_batching).
// opt_out_useragent_filter: PostHog drops events from automated browsers (navigator.webdriver) unless told, as its docs say for e2e tests.

/** PostHog's client-side rate limit (default 10 events/s, bursts of 100), raised so that 1,000 calls are all kept. */
export const POSTHOG_RATE = { events_per_second: 1000, events_burst_limit: 1000 };

export default {
  name: 'posthog',
  sink: 'bench',
  batching: `rate_limiting raised to ${POSTHOG_RATE.events_per_second}/s (it batches by default; its default client rate limit drops most of 1,000 calls)`,
  flushIntervalMs: { defaults: 3000, batching: 3000 },
  ownScript: /\/(static|array)\//,
  head: ({ api, key, batching }) => `<script>
function __benchPosthog() {
  posthog.init(${JSON.stringify(key)}, { api_host: ${JSON.stringify(api)}, opt_out_useragent_filter: true, ${batching ? `rate_limiting: ${JSON.stringify(POSTHOG_RATE)}, ` : ''}loaded: function () { __bench.markReady(); } });
}
__bench.track = function (name, props) { return window.posthog.capture(name, props); };
</script>
<script async src="${api}/static/array.js" onload="__benchPosthog()"></script>`,
};
