// Measure 5: long tasks, total blocking time and long animation frames in a window of the page's timeline, with the
// share of each long frame that is the SDK's own script (Chromium's Long Animation Frames API names each script's source).

/** Blocking time of a task: what it ran past 50 ms (the Total Blocking Time rule). */
const LONG_TASK_MS = 50;

/**
 * Page script (put in the harness, before any SDK): records 'longtask' entries as [start, duration] and
 * 'long-animation-frame' entries as [start, duration, [[sourceURL, script ms], …]] into window.__bench.
 */
export const LONG_FRAMES_HARNESS = `<script>
__bench.frames = [];
try { new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { __bench.frames.push([e.startTime, e.duration, (e.scripts || []).map(function (s) { return [s.sourceURL || s.invoker || '', s.duration]; })]); }); }).observe({ type: 'long-animation-frame', buffered: true }); } catch (e) {}
</script>`;

/** The page's load event end (ms since navigation start), waiting for it when the page has not loaded yet. */
export async function loadEndMs(page) {
  await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] || {}).loadEventEnd > 0, null, { polling: 50 });
  return page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
}

/** Waits until the page's clock passes `ms` (a window's end: the page keeps running its own work meanwhile). */
export async function waitUntilPageMs(page, ms) {
  await page.waitForFunction((end) => performance.now() >= end, ms, { polling: 100, timeout: ms + 30_000 });
}

/**
 * Sums the window [fromMs, toMs) of the page's timeline: { longestTaskMs, tasks (count > 50 ms), blockingMs (TBT),
 * ownMs (the most of the SDK's own script, matched by `ownScript` on its source URL, in any one long frame), ownFrames
 * (long frames where the SDK's script ran) }.
 */
export async function longFrames(page, { fromMs, toMs = Infinity, ownScript }) {
  const { tasks, frames } = await page.evaluate(() => ({ tasks: window.__bench.longtasks, frames: window.__bench.frames || [] }));
  const inWindow = ([start]) => start >= fromMs && start < toMs;
  const durations = tasks.filter(inWindow).map(([, duration]) => duration);
  const own = frames
    .filter(inWindow)
    .map(([, , scripts]) => scripts.filter(([url]) => ownScript.test(url)).reduce((sum, [, ms]) => sum + ms, 0));
  return {
    longestTaskMs: Math.max(0, ...durations),
    tasks: durations.length,
    blockingMs: durations.reduce((sum, duration) => sum + Math.max(0, duration - LONG_TASK_MS), 0),
    ownMs: Math.max(0, ...own),
    ownFrames: own.filter((ms) => ms > 0).length,
  };
}
