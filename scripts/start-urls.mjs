// What `npm start` prints: one list of [what, URL] for a running collector, so the count it announces is the list's length
// (test/docs/readme.test.ts checks the README says the same number).

/**
 * The URLs `npm start` prints, in order: the example pages, the picker and the demo's rules document, the viewer, the edge,
 * the collector's three base URLs.
 * @example startUrls(await startCollector({ sitePort: 8080, apiPort: 8787 }))[0] // ['Example site (official snippet)', 'http://127.0.0.1:8080/']
 */
export function startUrls({ siteUrl, apiUrl, viewerUrl }) {
  return [
    ['Example site (official snippet)', `${siteUrl}/`],
    ['ESM example', `${siteUrl}/esm.html`],
    ['No-code tracker demo', `${siteUrl}/nocode.html`],
    ['Point-and-click picker (drafts, preview, publish on the edge)', `${siteUrl}/nocode.html?tally_pick=1`],
    ['The demo rules, published by the edge', `${siteUrl}/t/rules`],
    ['Live event viewer', viewerUrl],
    ['Edge on the site origin (Segment, Customer.io)', `${siteUrl}/t`],
    ['Collector: Segment apiHost', `${apiUrl}/v1`],
    ['Collector: Customer.io Track API apiHost', apiUrl],
    ['Collector: Customer.io Pipelines apiHost', `${apiUrl}/cdp/v1`],
  ];
}
