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

test('the no-code example with ?tally_debug=1: the preview says why its two on-purpose rules do not fire', async ({ page, collector }) => {
  await page.goto(`${collector.siteUrl}/nocode.html?tally_debug=1`);
  // The page itself says which two rules are broken on purpose, the two the preview reports below.
  const notice = await page.evaluate(() => document.getElementById('broken-on-purpose')?.textContent ?? '');
  for (const text of ['Two rules are broken on purpose', 'Broken Rule', 'Pricing Tab Clicked']) expect(notice).toContain(text);
  /** The text of each preview note in the overlay. */
  const notes = () =>
    page.evaluate(() =>
      [...(document.querySelector('tally-debug')?.shadowRoot?.querySelectorAll('li.note') ?? [])].map((note) => note.textContent ?? ''),
    );
  const note = async (title: string) => (await notes()).find((text) => text.startsWith(title)) ?? '';
  await expect.poll(() => note('rules: problems found when the rules were read')).toContain('events["Broken Rule"].selector: required');
  await expect
    .poll(() => note('rules: selectors on /nocode.html'))
    .toContain('"Pricing Tab Clicked" (click button.pricing-tab): the selector matches no element on this page');
  await page.click('.plan button.signup span');
  await expect.poll(() => note('rules: click on <span "Sign up"> at /nocode.html')).toContain('"Signup Clicked" fired');
  expect(await note('rules: click on <span "Sign up"> at /nocode.html')).toContain(
    '"Admin Signup Clicked" did not fire: path gate: no fire pattern matches /nocode.html?tally_debug=1 (fire: /admin/*)',
  );
});
