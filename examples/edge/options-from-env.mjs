// The edge's options from environment variables, shared by the deployment examples (Node, Deno, Bun, Workers).
// SEGMENT_WRITE_KEYS, PIPELINES_WRITE_KEYS: comma-separated allow-lists. CUSTOMERIO_SITE_ID + CUSTOMERIO_API_KEY: the
// Track API credentials (never in a page). CUSTOMERIO_REGION: us | eu. *_UPSTREAM: another base URL (a test collector).
// EDGE_TRUST_PROXY: `true` or a number of proxies when the edge sits behind your own proxies (X-Forwarded-For is then read).
// EDGE_UPSTREAM_TIMEOUT_MS, EDGE_MAX_CONCURRENT_UPSTREAM: the upstream time limit and bound (defaults 10 s and 64).
// TALLY_EDITOR_TOKEN (+ TALLY_EDITOR_NAME, default "editor"): turns the rules host on, with the store the runtime's
// example passes (`rulesStore`): {base}/rules serves the published rules, editors publish with that token.
const list = (value) =>
  (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);

export function optionsFromEnv(env, rulesStore) {
  const options = { basePath: env.EDGE_BASE_PATH ?? '/t' };
  if (env.TALLY_EDITOR_TOKEN && rulesStore)
    options.rules = { store: rulesStore(), editors: [{ name: env.TALLY_EDITOR_NAME ?? 'editor', token: env.TALLY_EDITOR_TOKEN }] };
  if (env.EDGE_TRUST_PROXY) options.trustProxy = env.EDGE_TRUST_PROXY === 'true' || Number(env.EDGE_TRUST_PROXY);
  if (env.EDGE_UPSTREAM_TIMEOUT_MS) options.upstreamTimeoutMs = Number(env.EDGE_UPSTREAM_TIMEOUT_MS);
  if (env.EDGE_MAX_CONCURRENT_UPSTREAM) options.maxConcurrentUpstream = Number(env.EDGE_MAX_CONCURRENT_UPSTREAM);
  if (env.SEGMENT_WRITE_KEYS) options.segment = { writeKeys: list(env.SEGMENT_WRITE_KEYS), upstream: env.SEGMENT_UPSTREAM };
  if (env.PIPELINES_WRITE_KEYS)
    options.pipelines = { writeKeys: list(env.PIPELINES_WRITE_KEYS), region: env.CUSTOMERIO_REGION, upstream: env.PIPELINES_UPSTREAM };
  if (env.CUSTOMERIO_SITE_ID && env.CUSTOMERIO_API_KEY) {
    options.customerio = {
      siteId: env.CUSTOMERIO_SITE_ID,
      apiKey: env.CUSTOMERIO_API_KEY,
      region: env.CUSTOMERIO_REGION,
      upstream: env.CUSTOMERIO_UPSTREAM,
    };
  }
  return options;
}
