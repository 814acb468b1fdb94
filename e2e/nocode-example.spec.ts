// examples/nocode.html works as documented: served by the collector, its rules fire and its one bad rule is reported.
import { consoleMessages, expect, test } from './fixtures';

test('the no-code example page: rule events arrive, the bad rule is one console error', async ({ page, collector }) => {
  const errors = consoleMessages(page, 'error');
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
  expect(errors.filter((text) => text.startsWith('[tally]'))).toEqual([
    `[tally] events["Broken Rule"].selector: required; this definition is disabled`,
  ]);
});

test('the no-code example with ?tally_debug=1: the preview says why its two on-purpose rules do not fire', async ({ page, collector }) => {
  await page.goto(`${collector.siteUrl}/nocode.html?tally_debug=1`);
  const notes = page.locator('tally-debug li.note');
  await expect(notes.filter({ hasText: 'problems found when the rules were read' })).toContainText(
    'events["Broken Rule"].selector: required',
  );
  await expect(notes.filter({ hasText: 'rules: selectors on /nocode.html' })).toContainText(
    '"Pricing Tab Clicked" (click button.pricing-tab): the selector matches no element on this page',
  );
  await page.click('.plan button.signup span');
  const click = notes.filter({ hasText: 'rules: click on <span "Sign up"> at /nocode.html' });
  await expect(click.locator('.fired')).toContainText(['"Signup Clicked" fired']);
  await expect(click.locator('.missed')).toContainText([
    '"Admin Signup Clicked" did not fire: path gate: no fire pattern matches /nocode.html?tally_debug=1 (fire: /admin/*)',
  ]);
});
