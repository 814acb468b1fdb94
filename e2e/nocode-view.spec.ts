// The no-code tracker's page-watching kinds of issue 22 in each engine, through the official snippet: 'visible'
// (elements in view, added later, ignored), 'scroll' (depths per page view) and 'timer' (visible time per page view).
// Each test ends with a sentinel event sent after the last expected one, so "exactly once" is checked without sleeps.
import { expect, test, withRules } from './fixtures';
import type { Collector, CollectorEvent, TestPage as Page } from './fixtures';

/** Sends a last `End` event and waits until the collector has `count` track events, End included; returns them. */
async function endWith(page: Page, collector: Collector, count: number): Promise<CollectorEvent[]> {
  await page.evaluate(() => {
    (window as any).analytics.track('End');
    return (window as any).analytics.flush();
  });
  await collector.waitForEvents(count, { filter: { type: 'track' } });
  return collector.events({ type: 'track' });
}

/** Runs `script` in the page (scrolls, DOM changes) and waits for `count` track events at the collector. */
async function step(page: Page, collector: Collector, count: number, script: () => void): Promise<void> {
  await page.evaluate(script);
  await collector.waitForEvents(count, { filter: { type: 'track' }, timeout: 10_000 });
}

test('visible: each element once per page view after minMs in view, elements added later, data-tally-ignore silent', async ({
  page,
  collector,
}) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, { 'Plan Seen': { on: 'visible', selector: '.plan', minMs: 200 } }),
      body: `<style>body { margin: 0 } .plan { height: 40px }</style>
        <div style="height: 300vh"></div>
        <div class="plan" id="a">Plan A</div><div class="plan" id="c" style="display: none">Plan C</div>
        <div id="tail" style="height: 300vh"></div>`,
    }),
  );
  await page.goto(url);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div class="plan" id="late">Late</div><div data-tally-ignore><div class="plan" id="ignored">No</div></div><div style="height: 300vh"></div>',
    );
  });
  await step(page, collector, 1, () => document.getElementById('a')?.scrollIntoView());
  await step(page, collector, 2, () => document.getElementById('late')?.scrollIntoView());
  await step(page, collector, 3, () => {
    document.getElementById('a')?.scrollIntoView();
    (document.getElementById('c') as HTMLElement).style.display = 'block';
  });
  const tracks = await endWith(page, collector, 4);
  expect(tracks.map((event) => `${event.event} ${event.properties.elementId ?? ''}`.trim())).toEqual([
    'Plan Seen a',
    'Plan Seen late',
    'Plan Seen c',
    'End',
  ]);
  expect(tracks[0].properties).toMatchObject({ elementText: 'Plan A', elementClasses: 'plan' });
  for (const event of tracks.slice(0, 3)) expect(event.properties.visibleMs).toBeGreaterThanOrEqual(200);
});

test('scroll: each depth once per page view, depths in view counted, a route change a new view', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, { 'Article Scrolled': { on: 'scroll', percent: [25, 50, 75, 100] } }),
      body: `<style>body { margin: 0 }</style><div style="height: 500vh">Long read</div>`,
    }),
  );
  await page.goto(url);
  // The viewport is a fifth of the page: at 1.6 viewports down its bottom edge is at 52 %.
  await step(page, collector, 2, () => scrollTo(0, innerHeight * 1.6));
  await step(page, collector, 4, () => history.pushState(null, '', '#chapter-2'));
  await step(page, collector, 6, () => scrollTo(0, document.documentElement.scrollHeight));
  const tracks = await endWith(page, collector, 7);
  expect(tracks.map((event) => event.properties.percent ?? event.event)).toEqual([25, 50, 25, 50, 75, 100, 'End']);
  for (const event of tracks.slice(0, 6)) expect(event.context.tally).toEqual({ rule: 'Article Scrolled' });
});

test('timer and a page too short to scroll: once per page view, gated by trigger paths', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Read To End': { on: 'scroll', percent: 90 },
        Engaged: { on: 'timer', afterMs: 300 },
        'Engaged Off Admin': { on: 'timer', afterMs: 300, dontFire: '/admin*' },
      }),
      body: `<p>Short page</p>`,
    }),
  );
  await page.goto(url);
  await collector.waitForEvents(3, { filter: { type: 'track' }, timeout: 10_000 });
  await step(page, collector, 5, () => history.pushState(null, '', '/admin/settings'));
  const tracks = await endWith(page, collector, 6);
  const names = tracks.map((event) => event.event);
  expect(names.slice(0, 3).sort()).toEqual(['Engaged', 'Engaged Off Admin', 'Read To End']);
  expect(names.slice(3).sort()).toEqual(['End', 'Engaged', 'Read To End']);
  const timers = tracks.filter((event) => event.event.startsWith('Engaged'));
  for (const event of timers) expect(event.properties.visibleMs).toBeGreaterThanOrEqual(300);
  expect(tracks.find((event) => event.event === 'Read To End')?.properties.percent).toBe(90);
});
