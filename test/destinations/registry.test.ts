// @vitest-environment happy-dom
// A third destination is one entry in the registry: validated from its own option, toggled per event by its short name,
// queued, delivered, and reported in stats(), with no other file knowing it.
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../src/api/analytics';
import { DESTINATIONS } from '../../src/destinations/registry';
import type { DestinationEntry } from '../../src/destinations/destination';
import { packRequests } from '../../src/destinations/destination';
import { fieldsOf, readString } from '../../src/config/readers';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { loadBundledPiece } from '../../src/pieces/bundled';
import { createRecordingTransport } from '../helpers/transport';

/** A made-up service: `{ probe: { token } }`, posting `{"items":[…]}` with the token in a header. */
const probeEntry: DestinationEntry<{ token: string }> = {
  key: 'probe',
  name: 'Probe',
  read(problems, input) {
    if (input === undefined) return null;
    const read = fieldsOf(problems, 'probe', input);
    const token = read('token', readString);
    read.unknown();
    if (!token) problems.add('probe.token', 'required');
    return token ? { token } : null;
  },
  create: ({ token }) => ({
    name: 'Probe',
    toRequests: (events) =>
      packRequests(
        events,
        JSON.stringify,
        { maxItemBytes: 1e4, maxBatchBytes: 1e5, maxBatchItems: 100 },
        (items) => `{"items":[${items}]}`,
        'https://probe.test/in',
        { 'X-Token': token },
      ),
  }),
};

function setup(options: object) {
  const transport = createRecordingTransport(undefined, { keepalive: false });
  const { requests } = transport;
  const identity = createIdentity([createMemoryStore()], [createMemoryStore()]);
  const analytics = createAnalytics('WK', { flushInterval: 0, ...options } as never, {
    transport,
    identity,
    listen: false,
    pieces: loadBundledPiece,
    destinations: [...DESTINATIONS, probeEntry],
  });
  return { analytics, requests };
}

describe('a destination added through the registry alone', () => {
  it('is validated from its own option, naming the field', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { analytics } = setup({ probe: { tokn: 'x' } });
    expect(error.mock.calls.map((call) => call[1])).toEqual(['probe.tokn: unknown field (did you mean token?)', 'probe.token: required']);
    expect(Object.keys(analytics.stats())).toEqual(['Segment.io']);
  });

  it('is toggled per event by its short name, queued, delivered and counted in stats()', async () => {
    const { analytics, requests } = setup({
      probe: { token: 'T' },
      events: { 'Not For Probe': { destinations: { probe: false } } },
    });
    await analytics.track('Not For Probe');
    const both = await analytics.track('For Everyone');
    expect(both?.destinations).toEqual(['Segment.io', 'Probe']);
    await analytics.flush();
    const probed = requests.filter((request) => request.url === 'https://probe.test/in');
    expect(probed.map((request) => request.headers['X-Token'])).toEqual(['T']);
    expect(JSON.parse(probed[0].body).items.map((event: { event: string }) => event.event)).toEqual(['For Everyone']);
    expect(analytics.stats().Probe).toMatchObject({ sent: 1, queued: 0 });
    expect(analytics.stats()['Segment.io']).toMatchObject({ sent: 2 });
  });
});
