// What `npm start` prints: the URLs to open in a browser, then the base URLs to configure (options of your own page),
// each a list of [what, URL], so the counts it announces are the lists' lengths (test/docs/readme.test.ts checks the
// README says the same numbers).

/**
 * The URLs `npm start` prints for a running collector. `open`: the example pages, the picker, the demo's rules document
 * and the viewer. `configure`: the edge and the collector's three base URLs, which a page takes as options.
 * @example startUrls(await startCollector({ sitePort: 8080, apiPort: 8787 })).open[0] // ['Example site (official snippet)', 'http://127.0.0.1:8080/']
 * @param {{ siteUrl: string, apiUrl: string, viewerUrl: string }} collector
 * @returns {{ open: Array<[string, string]>, configure: Array<[string, string]> }}
 */
export function startUrls({ siteUrl, apiUrl, viewerUrl }) {
  return {
    open: [
      ['Example site (official snippet)', `${siteUrl}/`],
      ['ESM example', `${siteUrl}/esm.html`],
      ['No-code tracker demo', `${siteUrl}/nocode.html`],
      ['Point-and-click picker (drafts, preview, publish on the edge)', `${siteUrl}/nocode.html?tally_pick=1`],
      ['The demo rules, published by the edge', `${siteUrl}/t/rules`],
      ['Live event viewer', viewerUrl],
    ],
    configure: [
      ['Edge on the site origin (edge option)', `${siteUrl}/t`],
      ['Collector: Segment apiHost', `${apiUrl}/v1`],
      ['Collector: Customer.io Track API apiHost', apiUrl],
      ['Collector: Customer.io Pipelines apiHost', `${apiUrl}/cdp/v1`],
    ],
  };
}
