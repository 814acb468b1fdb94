// Measure 8: the page hiding right after a burst: 1,000 track() calls, then `pagehide` (a page being unloaded) in the
// next task. Times the SDK's pagehide listeners (what runs before the browser can tear the page down) and reads the long
// tasks and frames of the 2 s after it.

/** How long after the pagehide event its long tasks are counted: the unload requests' answers and their bookkeeping. */
const AFTER_HIDE_MS = 2000;

/**
 * Dispatches a `pagehide` (persisted: false) at the window after `count` calls, as the browser does before unloading
 * (synthetic: the page stays, so its observers can be read). Returns { hideMs, fromMs } (fromMs: the burst's end, so
 * the window holds what the burst left to do, the hide, and the answers).
 */
function hideAfterBurst(page, count) {
  return page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) window.__bench.track('Bench Hide', { i, plan: 'pro', price: 9.99, tags: ['a', 'b'] });
    const fromMs = performance.now();
    await new Promise((done) => setTimeout(done));
    const start = performance.now();
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    return { hideMs: performance.now() - start, fromMs };
  }, count);
}

/**
 * One SDK's page hiding after a burst of `count` calls. `openSdkPage` is run.mjs's visit opener, `longFrames` the
 * long-frames measure. Returns { hideMs, tasks } (tasks: longFrames of the hide and the 2 s after it).
 */
export async function pageHideVisit(sdk, openSdkPage, longFrames, count) {
  const visit = await openSdkPage(sdk);
  await visit.tab.waitForFunction((ms) => performance.now() > ms, visit.ready + 1000, { polling: 100 });
  const { hideMs, fromMs } = await hideAfterBurst(visit.tab, count);
  await visit.tab.waitForFunction((ms) => performance.now() > ms, fromMs + AFTER_HIDE_MS, { polling: 100 });
  const tasks = await longFrames(visit.tab, { fromMs, ownScript: sdk.ownScript });
  await visit.context.close();
  return { hideMs, tasks };
}
