// Middleware in the browser: source middleware (async next), a dropping one, a throwing one, destination middleware, redaction, and the ajs_ query string.
import { expect, test } from './fixtures';

test('middleware chain, redaction and a dropped event', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 100, redact: { properties: ['email'], method: 'hash' } },
      body: `<script>
        analytics.addSourceMiddleware(({ payload, next }) => { if (payload.event() === 'Secret') return; setTimeout(() => { payload.obj.properties.source = true; next(payload); }, 10); });
        analytics.addSourceMiddleware(() => { throw new Error('broken middleware'); });
        analytics.addDestinationMiddleware('Segment.io', ({ payload, next }) => { payload.obj.properties.destination = true; next(payload); });
        analytics.track('Secret'); analytics.track('Signed Up', { email: 'a@b.c' });
      </script>`,
    }),
  );
  await page.goto(url);
  const events = await collector.waitForEvents(1);
  await page.waitForTimeout(300);
  expect((await collector.events()).map((event) => event.event)).toEqual(['Signed Up']);
  expect(events[0].properties).toEqual({ email: expect.stringMatching(/^[0-9a-f]{64}$/), source: true, destination: true });
});

test('ajs_ query string: identify and track once at load', async ({ page, collector }) => {
  const url = await collector.servePage(collector.snippetPage({ page: false, options: { ...collector.loadOptions, flushInterval: 100 } }));
  await page.goto(`${url}?ajs_uid=u-42&ajs_trait_name=Karl+Jr.&ajs_event=Clicked%20Email&ajs_prop_campaign=Spring&ajs_aid=anon-1`);
  const events = await collector.waitForEvents(2);
  expect(events.map((event) => [event.type, event.userId, event.anonymousId])).toEqual([
    ['identify', 'u-42', 'anon-1'],
    ['track', 'u-42', 'anon-1'],
  ]);
  expect(events[0].traits).toEqual({ name: 'Karl Jr.' });
  expect(events[1].properties).toEqual({ campaign: 'Spring' });
});

test('trackLink: the click is tracked and the navigation still happens', async ({ page, collector }) => {
  const next = await collector.servePage('<p>next</p>', '/next.html');
  const url = await collector.servePage(
    collector.snippetPage({
      page: false,
      options: { ...collector.loadOptions, flushInterval: 5000 },
      body: `<a id="go" href="${next}">go</a><script>analytics.trackLink(document.getElementById('go'), 'Clicked Go', (el) => ({ href: el.getAttribute('href') }));</script>`,
    }),
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as any).__tallyPieces?.extras);
  await page.click('#go');
  await page.waitForURL(next);
  const [event] = await collector.waitForEvents(1);
  expect(event.event).toBe('Clicked Go');
  expect(event.properties.href).toBe(next);
});
