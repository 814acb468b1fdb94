// Measure 5: of N events tracked right before page.goto to another page, how many arrive within a window, and how
// many after the SDK's page is opened again in the same context (storage kept, so a durable SDK can resend).

/** Runs one navigation visit on a ready SDK page; returns { within, afterReopen }. */
export async function lossOnNavigation({ page, count, otherUrl, sdkUrl, windowMs, countArrived, name = 'Bench Nav' }) {
  await page.evaluate(
    ({ count, name }) => {
      for (let i = 0; i < count; i++) window.__bench.track(name, { i, plan: 'pro' });
    },
    { count, name },
  );
  await page.goto(otherUrl, { waitUntil: 'commit' });
  const within = await waitUntilCount(countArrived, count, windowMs);
  if (within >= count) return { within, afterReopen: within };
  await page.goto(sdkUrl);
  const afterReopen = await waitUntilCount(countArrived, count, windowMs);
  return { within, afterReopen };
}

async function waitUntilCount(countArrived, expected, windowMs) {
  const deadline = Date.now() + windowMs;
  for (;;) {
    const arrived = await countArrived();
    if (arrived >= expected || Date.now() > deadline) return arrived;
    await new Promise((done) => setTimeout(done, 100));
  }
}
