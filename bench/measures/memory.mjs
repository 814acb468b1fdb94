// Measure 6: the page's JS heap in use (CDP Runtime.getHeapUsage) right after a forced garbage collection.

/** Used JS heap bytes after a full GC. */
export async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
