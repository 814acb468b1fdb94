// Trigger kinds' pieces, in each engine: a page whose rules use only click, submit and page downloads no kind piece;
// a rule of another kind loads that kind's piece (dist/tally-kind-<piece>.js, or a lazy module of the ESM build); a
// kind piece that cannot be loaded is reported once and the other kinds keep working.
import { readFileSync } from 'node:fs';
import { consoleTexts, expect, test, withRules } from './fixtures';

/** The scripts the page downloaded (module imports included), by path: Resource Timing, the same in every engine. */
const downloadedScripts = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\.m?js$/.test(path));

const CLICK = { Clicked: { on: 'click', selector: 'button.go' } };
const TIMER = { 'Timer Reached': { on: 'timer', afterMs: 0 } };
const BODY = '<button class="go">Go</button>';

test('a click-only page downloads no kind piece; a timer rule loads the timer piece alone and fires', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: withRules(collector.loadOptions, CLICK), body: BODY })));
  await page.click('button.go');
  await collector.waitForEvents(1, { filter: { type: 'track', event: 'Clicked' } });
  // The rules and tracker pieces are fetched side by side: Resource Timing lists them in whichever order they ended.
  expect((await page.evaluate(downloadedScripts)).sort()).toEqual(['/dist/tally-rules.js', '/dist/tally-tracker.js', '/dist/tally.min.js']);

  const options = withRules(collector.loadOptions, { ...CLICK, ...TIMER });
  await page.goto(await collector.servePage(collector.snippetPage({ options, body: BODY })));
  await collector.waitForEvents(1, { filter: { type: 'track', event: 'Timer Reached' } });
  const scripts = await page.evaluate(downloadedScripts);
  expect(scripts.filter((path) => path.includes('tally-kind-'))).toEqual(['/dist/tally-kind-timer.js']);
});

test('a missing kind piece: one console error naming its file, an error event; click rules keep firing', async ({ page, collector }) => {
  // The core, rules and tracker served from a folder without tally-kind-timer.js: fetching it fails (404).
  const folder = `/no-timer-${collector.writeKey}`;
  for (const file of ['tally.min.js', 'tally-rules.js', 'tally-tracker.js'])
    await collector.servePage(readFileSync(`dist/${file}`, 'utf8'), `${folder}/${file}`, { type: 'text/javascript' });
  const body = `${BODY}<script>
    analytics.on('error', function (error) { (window.pieceErrors = window.pieceErrors || []).push(error.code + ' ' + error.piece); });
  </script>`;
  const options = withRules(collector.loadOptions, { ...CLICK, ...TIMER });
  await page.goto(await collector.servePage(collector.snippetPage({ options, body, scriptUrl: `${folder}/tally.min.js` })));
  await expect.poll(() => page.evaluate(() => (window as any).pieceErrors)).toEqual(['piece_unavailable kind-timer']);
  await page.click('button.go');
  await collector.waitForEvents(1, { filter: { type: 'track', event: 'Clicked' } });
  const errors = (await consoleTexts(page, 'error')).filter((text) => text.includes('[tally]'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('tally-kind-timer.js');
  expect(errors[0]).toContain('the rules of its trigger kind need it');
  expect(await collector.events({ type: 'track', event: 'Timer Reached' })).toEqual([]);
});

test('the ESM build imports a kind piece only for its rules, as a lazy module', async ({ page, collector }) => {
  const options = withRules(collector.loadOptions, { ...CLICK, ...TIMER });
  const html = `<!doctype html><title>esm kinds</title>${BODY}<script type="module">
    import { load } from '/dist/tally.mjs';
    await load(${JSON.stringify(collector.writeKey)}, ${JSON.stringify(options)});
  </script>`;
  await page.goto(await collector.servePage(html));
  await collector.waitForEvents(1, { filter: { type: 'track', event: 'Timer Reached' } });
  await page.click('button.go');
  await collector.waitForEvents(1, { filter: { type: 'track', event: 'Clicked' } });
  const scripts = await page.evaluate(downloadedScripts);
  // Unbundled, the page imports modules one by one: the pieces among them are the rules, the tracker and the timer's.
  expect(scripts.filter((path) => path.endsWith('/piece.mjs')).sort()).toEqual([
    '/dist/esm/rules/piece.mjs',
    '/dist/esm/tracker/piece.mjs',
    '/dist/esm/triggers/timer/piece.mjs',
  ]);
});
