// Measure 7: the JavaScript a page downloads through the script tag, per page type: Segment only, Segment and
// Customer.io, and everything a production page can turn on (no-code rules, consent, plan, redaction, Customer.io).

/** The page types, as tally's load options; the collector's API origin stands in for every host. */
export function pageTypes(collectorApi) {
  const customerio = { siteId: 'bench-site', apiHost: `${collectorApi}/cio` };
  return [
    { name: 'Segment only', options: {} },
    { name: 'Segment + Customer.io', options: { customerio } },
    {
      name: 'everything',
      options: {
        customerio,
        events: {
          'Buy Clicked': { on: 'click', selector: 'button.buy' },
          'Pricing Seen': { on: 'visible', selector: '#pricing' },
          'Page Read': { on: 'scroll', percent: [50, 90] },
        },
        consent: { categories: { 'Customer.io': 'marketing' }, honorGPC: true },
        plan: { events: { 'Buy Clicked': { properties: { price: { type: 'number' } } } } },
        redact: { properties: ['email'] },
      },
    },
  ];
}

/**
 * Opens one page per type with `openSdkPage(sdk, { options })` (run.mjs's visit opener) and sums its scripts once the
 * pieces have loaded (`settleMs` after ready). Returns [{ name, bytes: { min, gzip, brotli, urls } }].
 */
export async function pageTypeBytes(sdk, openSdkPage, collectorApi, settleMs) {
  const measured = [];
  for (const type of pageTypes(collectorApi)) {
    const visit = await openSdkPage(sdk, { options: type.options });
    await visit.tab.waitForTimeout(settleMs);
    measured.push({ name: type.name, bytes: await visit.scripts.summary() });
    await visit.context.close();
  }
  return measured;
}
