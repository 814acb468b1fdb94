// Measure 2: ms from navigation start (performance.now() = 0) until the SDK's own ready signal fired.

/** Waits for the adapter's ready callback; returns its performance.now(). */
export async function readyMs(page, timeoutMs = 15_000) {
  await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: timeoutMs, polling: 20 });
  return page.evaluate(() => window.__bench.ready);
}
