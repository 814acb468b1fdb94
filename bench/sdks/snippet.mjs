// The official Segment snippet (@segment/snippet 5.x max()) with its CDN script URL swapped; tally and analytics-next both load through it.
import { createRequire } from 'node:module';

const { max } = createRequire(import.meta.url)('@segment/snippet');
const CDN_SCRIPT_URL = '"https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js"';

/** `<script>` with the snippet loading `scriptUrl` (a JS expression), then `before`, load(key, options), page() and ready → mark. */
export function segmentSnippet({ key, scriptUrl, options, before = '' }) {
  const rendered = max({ apiKey: key, load: false, page: false });
  if (!rendered.includes(CDN_SCRIPT_URL)) throw new Error('@segment/snippet no longer renders the CDN URL the bench swaps');
  return `<script>
${rendered.split(CDN_SCRIPT_URL).join(scriptUrl)}
${before}
analytics.load(${JSON.stringify(key)}, ${JSON.stringify(options)});
analytics.page();
analytics.ready(function () { __bench.markReady(); });
__bench.track = function (name, props) { return window.analytics.track(name, props); };
</script>`;
}
