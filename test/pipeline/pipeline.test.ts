// The pipeline: a call becomes one event, read against one page, passes the gates, and is queued for each routed
// destination (prepare() may keep it out of one); a stopped event is queued nowhere; a waiting gate makes it asynchronous.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/pipeline';
import type { Gate } from '../../src/pipeline/gates';
import type { Route } from '../../src/pipeline/route';
import type { BufferedPage, Call, TallyEvent } from '../../src/event/types';

const PAGE: BufferedPage = { href: 'https://shop.test/a', pathname: '/a', search: '', title: 'A', referrer: '' };

/** A route whose dispatcher only records what it is given. */
function route(name: string, prepare?: (event: TallyEvent) => TallyEvent | undefined) {
  const queued: TallyEvent[] = [];
  const value = {
    destination: { name, prepare, toRequests: () => ({ requests: [], rejected: [] }) },
    dispatcher: { name, enqueue: (event: TallyEvent) => void queued.push(event) },
  } as unknown as Route;
  return { route: value, queued };
}

function setup(gates: Gate[] = [], integrations: Record<string, boolean> = {}) {
  const segment = route('Segment.io');
  const cio = route('Customer.io', (event) => (event.type === 'alias' ? undefined : { ...event, context: { ...event.context, cio: 'p' } }));
  let pageReads = 0;
  const pipeline = createPipeline({
    integrations,
    device: {},
    identity: () => ({ anonymousId: 'anon', userId: null, traits: {}, groupId: null, groupTraits: {} }),
    page: () => {
      pageReads += 1;
      return PAGE;
    },
    gates,
    routes: [segment.route, cio.route],
  });
  return { pipeline, segment, cio, pageReads: () => pageReads };
}

const track: Call = { type: 'track', event: 'Clicked', properties: { n: 1 }, options: {} };

describe('createPipeline', () => {
  it('builds one event, reads the page once and keeps it on the call, and queues it for every routed destination', () => {
    const { pipeline, segment, cio, pageReads } = setup();
    const call = { ...track };
    const context = pipeline(call);
    expect('then' in context).toBe(false);
    expect(context).toMatchObject({ destinations: ['Segment.io', 'Customer.io'], event: { type: 'track', event: 'Clicked' } });
    expect(pageReads()).toBe(1);
    expect(call.page).toBe(PAGE);
    expect(segment.queued[0].messageId).toBe(cio.queued[0].messageId);
    expect(cio.queued[0].context.cio).toBe('p');
  });

  it('leaves out a destination that integrations turn off, and one whose prepare() declines the event', () => {
    const { pipeline, cio } = setup([], { 'Customer.io': false });
    expect((pipeline(track) as { destinations: string[] }).destinations).toEqual(['Segment.io']);
    expect(cio.queued).toEqual([]);
    const other = setup();
    expect((other.pipeline({ type: 'alias', userId: 'u', options: {} }) as { destinations: string[] }).destinations).toEqual([
      'Segment.io',
    ]);
  });

  it('queues a stopped event nowhere and says why', () => {
    const { pipeline, segment } = setup([{ name: 'plan', run: () => ({ stopped: 'blocked' }) }]);
    expect(pipeline(track)).toMatchObject({ destinations: [], stopped: 'plan: blocked' });
    expect(segment.queued).toEqual([]);
  });

  it('answers with a promise while a gate holds the event, and queues the event the gate gave back', async () => {
    const later: Gate = { name: 'consent', run: (event) => ({ wait: Promise.resolve({ event: { ...event, event: 'Renamed' } }) }) };
    const { pipeline, segment } = setup([later]);
    const pending = pipeline(track);
    expect(pending).toBeInstanceOf(Promise);
    expect(segment.queued).toEqual([]);
    expect(await pending).toMatchObject({ destinations: ['Segment.io', 'Customer.io'], event: { event: 'Renamed' } });
    expect(segment.queued[0].event).toBe('Renamed');
  });
});
