// posthog-js: array.js from <api_host>/static/ as PostHog's snippet loads it, then posthog.init with api_host at the
// bench server; its lazy extensions come from the same /static/. It batches by default (request_batching).

export default {
  name: 'posthog',
  sink: 'bench',
  batching: null,
  flushIntervalMs: { defaults: 3000, batching: 3000 },
  head: ({ api, key }) => `<script>
function __benchPosthog() {
  posthog.init(${JSON.stringify(key)}, { api_host: ${JSON.stringify(api)}, loaded: function () { __bench.markReady(); } });
}
__bench.track = function (name, props) { return window.posthog.capture(name, props); };
</script>
<script async src="${api}/static/array.js" onload="__benchPosthog()"></script>`,
};
