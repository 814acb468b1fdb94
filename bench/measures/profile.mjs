// tally's hot path: a CDP sampling profile of many track() calls on the unminified ESM build, summed by function (self time).

/** Profiles `count` track() calls on a page whose `__bench.track` is ready; returns { totalMs, perCallUs, top: [{ fn, selfMs, share }] }. */
export async function profileTrack(page, cdp, count = 5000, topN = 12) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const totalMs = await page.evaluate(function benchLoop(count) {
    const track = window.__bench.track;
    const start = performance.now();
    for (let i = 0; i < count; i++) track('Profiled Event', { i, plan: 'pro', price: 9.99, tags: ['a', 'b'] });
    return performance.now() - start;
  }, count);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const inLoop = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at)) if (byId.get(at).callFrame.functionName === 'benchLoop') return true;
    return false;
  };
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, index) => {
    // Only samples taken inside the loop: the flush that follows is not track()'s cost.
    if (!inLoop(id)) return;
    const frame = byId.get(id).callFrame;
    const file = frame.url ? frame.url.split('/').pop() : '';
    const fn = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    self.set(fn, (self.get(fn) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  });
  const sampled = [...self.values()].reduce((a, b) => a + b, 0);
  const top = [...self.entries()]
    .filter(([fn]) => !fn.startsWith('benchLoop'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([fn, selfMs]) => ({ fn, selfMs, share: selfMs / sampled }));
  return { totalMs, perCallUs: (totalMs * 1000) / count, top };
}
