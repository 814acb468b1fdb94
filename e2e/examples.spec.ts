// npm start's example site (examples/index.html, served by the collector with the edge at /t): a newcomer's first minute.
// Its page view and clicks reach Segment and Customer.io's Track API through the edge, and the viewer shows both.
import { expect, test } from './fixtures';

test("the example site sends to Segment and Customer.io, and the viewer shows both destinations' events", async ({
  page,
  context,
  collector,
}, testInfo) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${collector.siteUrl}/`);
  await page.click('button[data-call="track"]');
  await page.click('button[data-call="identify"]');
  await page.evaluate(() => (window as any).analytics.flush());
  // The example uses the shared demo keys: this visit is its anonymousId.
  const anonymousId: string = await page.evaluate(() => (window as any).analytics.user().anonymousId());

  const viewer = await context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 900 });
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', anonymousId);
  for (const destination of ['segment', 'customerio']) {
    const rows = viewer.locator(`[data-destination="${destination}"] .row-event:visible`);
    // The first page view, the button's track and the identify, each delivered.
    await expect(rows).toHaveCount(3, { timeout: 20_000 });
    await expect(rows.filter({ hasText: 'Button Clicked' }).locator('.data')).toContainText('button: demo');
    await expect(rows.filter({ hasText: 'Button Clicked' }).locator('.badge-delivery')).toHaveText('delivered');
    await expect(rows.filter({ has: viewer.locator('.type-page') }).locator('.title')).toHaveText('/');
  }
  // Customer.io knows the person by email once identified (identifyBy's default), with the user id carried along.
  const identify = viewer.locator('[data-destination="customerio"] .row-event:visible', { hasText: 'identify' });
  await expect(identify.locator('.identity')).toContainText('email ada@example.com');
  await expect(identify.locator('.data')).toContainText('id: user-123');
  expect(errors).toEqual([]);
  await viewer.screenshot({ path: testInfo.outputPath('example-site-viewer.png'), fullPage: true });
});
