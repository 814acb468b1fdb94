// examples/nocode.html works as documented: served by the collector, its rules fire and its one bad rule is reported.
import { consoleTexts, expect, test } from './fixtures';

test('the no-code example page: rule events arrive, the bad rule is one console error', async ({ page, collector }) => {
  const started = new Date().toISOString();
  await page.goto(`${collector.siteUrl}/nocode.html?utm_source=e2e`);
  await page.click('.plan button.signup span');
  await page.click('#lead button');
  await page.click('[data-go="#pricing"]');
  await page.evaluate(() => (window as any).analytics.flush());
  // The example uses the shared demo key: keep only this visit's events.
  const mine = (event: any) => event.receivedAt >= started && event.context?.page?.url?.includes('utm_source=e2e');
  const events = await collector
    .waitForEvents(5, { filter: { writeKey: 'demo-write-key' } as any, timeout: 10_000 })
    .then((all) => all.filter(mine));
  const names = events.map((event) => event.event ?? event.type);
  expect(names).toEqual(expect.arrayContaining(['page', 'Demo Viewed', 'Signup Clicked', 'identify', 'Lead Submitted', 'Pricing Viewed']));
  expect(names).not.toContain('Lead Posted Natively');
  const signup = events.find((event) => event.event === 'Signup Clicked')!;
  expect(signup.properties).toMatchObject({ plan: 'pro', planName: 'Pro', label: 'Sign up →', version: 2 });
  expect(events.find((event) => event.event === 'Demo Viewed')!.properties.source).toBe('e2e');
  expect((await consoleTexts(page, 'error')).filter((text) => text.startsWith('[tally]'))).toEqual([
    `[tally] events["Broken Rule"].selector: required; this definition is disabled`,
  ]);
});
