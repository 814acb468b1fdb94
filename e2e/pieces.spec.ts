// On-demand pieces, in each engine: a page loads only the pieces its config uses, rules see a click made before their
// pieces arrived, and a piece that cannot be loaded is reported (console error naming the file and the feature, error event).
import { readFileSync } from 'node:fs';
import { consoleTexts, expect, test, withRules } from './fixtures';

/** The scripts the page downloaded, by path (Resource Timing: the same in every engine). */
const downloadedScripts = () =>
  performance
    .getEntriesByType('resource')
    .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script')
    .map((entry) => new URL(entry.name).pathname);

test('a Segment-only page downloads tally.min.js and no piece', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: { ...collector.loadOptions, flushInterval: 100 } })));
  await page.evaluate(() => (window as any).analytics.track('Plain'));
  await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(await page.evaluate(downloadedScripts)).toEqual(['/dist/tally.min.js']);
});

test('a click made right after tally.min.js runs, before the rules pieces arrive, is tracked once', async ({
  page,
  context,
  collector,
}) => {
  const options = withRules(collector.loadOptions, { 'Early Clicked': { on: 'click', selector: 'button.early' } });
  // From before any page script: click as soon as the instance exists, noting whether the tracker piece was there yet.
  await context.addInitScript(() => {
    const poll = () => {
      const button = document.querySelector<HTMLButtonElement>('button.early');
      if (!(window as any).analytics?.initialized || !button) {
        setTimeout(poll, 0);
        return;
      }
      (window as any).trackerWasLoaded = !!(window as any).__tallyPieces?.tracker;
      button.click();
    };
    poll();
  });
  await page.goto(await collector.servePage(collector.snippetPage({ options, body: '<button class="early">Go</button>' })));
  const trackerWasLoaded = await page.evaluate(() => (window as any).trackerWasLoaded);
  // The click came before the tracker piece was there: the core recorded it.
  expect(trackerWasLoaded).toBe(false);
  const [event] = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(event.event).toBe('Early Clicked');
  await page.waitForTimeout(500);
  expect(await collector.events({ type: 'track' })).toHaveLength(1);
});

test('a piece that cannot be loaded: one console error naming its URL and feature, an error event, the rest keeps working', async ({
  page,
  collector,
}) => {
  // tally.min.js and the rules piece served from a folder without the tracker piece: fetching that one fails (404).
  const folder = `/no-tracker-${collector.writeKey}`;
  for (const file of ['tally.min.js', 'tally-rules.js']) {
    await collector.servePage(readFileSync(`dist/${file}`, 'utf8'), `${folder}/${file}`, { type: 'text/javascript' });
  }
  const options = withRules(collector.loadOptions, { 'Never Clicked': { on: 'click', selector: 'button' } });
  const body = `<button>Go</button><script>
    analytics.on('error', function (error) { (window.pieceErrors = window.pieceErrors || []).push(error.code + ' ' + error.piece); });
  </script>`;
  await page.goto(await collector.servePage(collector.snippetPage({ options, body, scriptUrl: `${folder}/tally.min.js` })));
  await expect.poll(() => page.evaluate(() => (window as any).pieceErrors)).toEqual(['piece_unavailable tracker']);
  // Chromium adds its own 'Failed to load resource' line: only tally's message names the file and the feature.
  const pieceErrors = (await consoleTexts(page, 'error')).filter((text) => text.includes('tally-tracker.js') && text.includes('[tally]'));
  expect(pieceErrors).toHaveLength(1);
  expect(pieceErrors[0]).toContain('the click, submit and page rules of `events` need it');
  await page.evaluate(() => (window as any).analytics.track('Still Works'));
  const [event] = await collector.waitForEvents(1, { filter: { type: 'track' } });
  expect(event.event).toBe('Still Works');
});
