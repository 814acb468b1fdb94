// npm start's example site (examples/index.html, served by the collector with the edge at /t): a newcomer's first minute.
// Its page view and clicks reach Segment and Customer.io's Track API through the edge, and the viewer shows both.
import { consoleTexts, expect, test } from './fixtures';
import { viewerRows } from './viewer-rows';

test("the example site sends to Segment and Customer.io, and the viewer shows both destinations' events", async ({
  page,
  context,
  collector,
}) => {
  test.setTimeout(60_000);
  await page.goto(`${collector.siteUrl}/`);
  await page.click('button[data-call="track"]');
  await page.click('button[data-call="identify"]');
  await page.evaluate(() => (window as any).analytics.flush());
  // The example uses the shared demo keys: this visit is its anonymousId.
  const anonymousId: string = await page.evaluate(() => (window as any).analytics.user().anonymousId());

  const viewer = await context.newPage();
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', anonymousId);
  const rows = (destination: string) => viewerRows(viewer, `[data-destination="${destination}"]`);
  for (const destination of ['segment', 'customerio']) {
    // The first page view, the button's track and the identify, each delivered.
    await expect.poll(async () => (await rows(destination)).length, { timeout: 20_000 }).toBe(3);
    const clicked = async () => (await rows(destination)).find((row) => row.text.includes('Button Clicked'));
    expect((await clicked())!.data).toContain('button: demo');
    // Segment's row: the event's own data comes before its (long) context in the row's JSON.
    const json = (await clicked())!.payload;
    if (destination === 'segment') expect(json.indexOf('"properties"')).toBeGreaterThan(-1);
    if (destination === 'segment') expect(json.indexOf('"properties"')).toBeLessThan(json.indexOf('"context"'));
    await expect.poll(async () => (await clicked())?.delivery, { timeout: 10_000 }).toBe('delivered');
    expect((await rows(destination)).filter((row) => row.page).map((row) => row.title)).toEqual(['/']);
  }
  // Customer.io knows the person by email once identified (identifyBy's default), with the user id carried along.
  const identify = (await rows('customerio')).find((row) => row.text.includes('identify'))!;
  expect(identify.identity).toContain('email ada@example.com');
  expect(identify.data).toContain('id: user-123');
  expect(await consoleTexts(page, 'error')).toEqual([]);
});
