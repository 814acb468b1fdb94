// @vitest-environment happy-dom
// The device context: read once; its timezone (a costly first Intl call) in a task of its own, or as a request is built.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

/** A fresh copy of the module (its timezone is read once per page), with Intl's reads counted. */
async function freshEnvironment() {
  const reads = vi.spyOn(Intl, 'DateTimeFormat');
  const environment = await import('../../src/event/environment');
  return { ...environment, reads };
}

describe('readDeviceContext', () => {
  it('reads no timezone in the calling task, and adds it once the page is idle', async () => {
    const { readDeviceContext, reads } = await freshEnvironment();
    const device = readDeviceContext();
    expect(device.userAgent).toEqual(expect.any(String));
    expect(device).not.toHaveProperty('timezone');
    expect(reads).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(device.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone));
  });

  it('an event built before then gets the timezone as its request is built; one the call set keeps its own', async () => {
    const { readDeviceContext, completeDeviceContext, reads } = await freshEnvironment();
    readDeviceContext();
    const early: Record<string, unknown> = { locale: 'fr-FR' };
    completeDeviceContext(early);
    expect(early.timezone).toEqual(expect.any(String));
    const given: Record<string, unknown> = { timezone: 'America/Lima' };
    completeDeviceContext(given);
    expect(given.timezone).toBe('America/Lima');
    completeDeviceContext({});
    expect(reads).toHaveBeenCalledTimes(1); // read once per page
  });

  it('adds nothing where the page never read its device context (events from elsewhere keep their shape)', async () => {
    const { completeDeviceContext, reads } = await freshEnvironment();
    const context: Record<string, unknown> = {};
    completeDeviceContext(context);
    expect(context).toEqual({});
    expect(reads).not.toHaveBeenCalled();
  });
});

describe('where the engine has Temporal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the timezone is read at once from Temporal.Now, and Intl is not asked', async () => {
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Asia/Tokyo' } });
    const { readDeviceContext, reads } = await freshEnvironment();
    expect(readDeviceContext().timezone).toBe('Asia/Tokyo');
    expect(reads).not.toHaveBeenCalled();
  });
});
