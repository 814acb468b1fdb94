// Measure 6: the page's JS heap: a forced garbage collection (CDP) on the idle page after init; trackMany() then reads
// performance.memory right before and right after the loop (precise with --enable-precise-memory-info).

/** Collects garbage on an idle page, so that the heap read next is what init left alive. */
export async function collectGarbage(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
}
