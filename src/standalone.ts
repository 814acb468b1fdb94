// The script-tag entry (dist/tally.min.js): finds the snippet's stub, starts tally with its key and options, replaces the stub.
import { createAnalytics } from './api/analytics';
import { logError } from './errors';
import { createKindLoader, createScriptLoader } from './pieces/loader';
import { createStub, drainStub, type SnippetStub } from './api/snippet';

/** This script's tag. Read now: currentScript is only set while the script first runs. */
const script = document.currentScript as HTMLScriptElement | null;

/** The folder this bundle was loaded from: the on-demand pieces (tally-debug.js, ...) sit next to it. */
const base = script?.src.replace(/[^/?#]*([?#].*)?$/, '') ?? '/';

function start(key: string, stub: SnippetStub): void {
  const analytics = createAnalytics(stub._writeKey, stub._loadOptions as Record<string, unknown> | undefined, {
    pieces: createScriptLoader(base),
    kinds: createKindLoader(base),
  });
  (window as unknown as Record<string, unknown>)[key] = analytics;
  drainStub(stub, analytics);
}

try {
  // The global the snippet chose (`data-global-segment-analytics-key`, snippet 5.2.1), else `analytics`.
  const key = script?.getAttribute('data-global-segment-analytics-key') || 'analytics';
  const existing = (window as unknown as Record<string, unknown>)[key] as SnippetStub | undefined;
  if (existing && existing.initialized) {
    // The bundle was included twice: the instance already running stays.
  } else if (Array.isArray(existing) && existing._writeKey) {
    start(key, existing);
  } else {
    // No snippet (or one whose load() has not run yet): keep any buffered calls, and wait for analytics.load().
    const stub = createStub((ready) => start(key, ready));
    if (Array.isArray(existing)) stub.push(...existing.splice(0));
    (window as unknown as Record<string, unknown>)[key] = stub;
  }
} catch (error) {
  logError(error);
}
