// Measure 1: every JavaScript file the page downloaded, as served (minified), and its gzip and brotli sizes.
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** Starts recording the page's script responses; `summary()` sums them (call it once the SDK is ready and idle). */
export function watchScripts(page) {
  const responses = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    const contentType = response.headers()['content-type'] || '';
    if (type === 'script' || /javascript/.test(contentType)) responses.push(response);
  });
  return {
    async summary() {
      const totals = { files: 0, min: 0, gzip: 0, brotli: 0, urls: [] };
      for (const response of responses) {
        const body = await response.body().catch(() => null);
        if (!body) continue;
        totals.files += 1;
        totals.min += body.length;
        totals.gzip += gzipSync(body, { level: 9 }).length;
        totals.brotli += brotliCompressSync(body).length;
        totals.urls.push(new URL(response.url()).pathname);
      }
      return totals;
    },
  };
}
