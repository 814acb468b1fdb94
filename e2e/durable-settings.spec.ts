// Two tabs of one site with the same Segment write key but other Customer.io settings (issue 21): tab A sends to the Track
// API (siteId), tab B to Pipelines. Each tab's events must reach Customer.io only with its own page's settings, none lost,
// none dropped, none twice; counted on the collector's raw request log of Customer.io, watched past the unload lease.
import { consoleTexts, expect, test } from './fixtures';
import { finish, ready, tallyPage, trackIds, ulids } from './durable-helpers';

test('two tabs, one Segment key, other Customer.io settings (Track API, Pipelines): each event goes with its own page settings', async ({
  context,
  collector,
}) => {
  test.setTimeout(90_000);
  // The collector records Customer.io requests under the siteId (Track API) or the writeKey (Pipelines): this test's key.
  const trackApi = { siteId: collector.writeKey, apiKey: 'e2e-key', apiHost: collector.apiUrl };
  const pipelines = { writeKey: collector.writeKey, apiHost: `${collector.apiUrl}/cdp/v1` };
  const [a, b] = [await context.newPage(), await context.newPage()];
  // Tab A sends late (flushAt 100, 5 s interval): its events wait in storage while tab B's round reads it.
  await a.goto(await tallyPage(collector, { customerio: trackApi, flushAt: 100, flushInterval: 5000 }));
  await b.goto(await tallyPage(collector, { customerio: pipelines }));
  await Promise.all([ready(a), ready(b)]);
  // ULIDs: the Track API carries an event's messageId only when it is one.
  const fromA = await trackIds(a, ulids('AAAA', 20));
  const fromB = await trackIds(b, ulids('BBBB', 20));
  const result = await finish(a, collector, 'two tabs, other Customer.io settings (Track API, Pipelines)', [...fromA, ...fromB], {
    destination: 'customerio',
  });
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  expect(result.stored).toEqual([]);
  // Where each event went: the Track API's paths for tab A's, Pipelines' for tab B's.
  const paths = new Map<string, string[]>();
  for (const request of await collector.requests({ destination: 'customerio', method: 'POST' }))
    for (const event of request.events) paths.set(event.messageId!, [...(paths.get(event.messageId!) ?? []), request.path]);
  for (const id of fromA) expect(paths.get(id), id).toEqual([expect.stringMatching(/^\/api\/v[12]\//)]);
  for (const id of fromB) expect(paths.get(id), id).toEqual(['/cdp/v1/batch']);
  for (const page of [a, b]) expect((await consoleTexts(page, 'error')).filter((text) => text.includes('Customer.io'))).toEqual([]);
});
