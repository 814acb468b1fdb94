import { describe, expect, it } from 'vitest';
import { buildEvent, LIBRARY, type EventIdentity, type EventInputs } from '../../src/event/build';
import type { Call } from '../../src/event/types';
import { normalizeCall } from '../../src/api/arguments';
import type { BufferedPage, EventType } from '../../src/event/types';

const NOW = Date.UTC(2024, 4, 6, 7, 8, 9, 123);
const PAGE: BufferedPage = {
  pathname: '/pricing',
  href: 'https://shop.test/pricing?utm_campaign=spring+sale&utm_source=news#top',
  search: '?utm_campaign=spring+sale&utm_source=news',
  title: 'Pricing',
  referrer: 'https://google.test/',
};
const DEVICE = { userAgent: 'UA/1.0', locale: 'fr-FR', timezone: 'Europe/Paris', screen: { width: 1280, height: 720, density: 2 } };

/** Everything buildEvent takes besides the call, in one object a test can override. */
type Inputs = EventInputs & { identity: EventIdentity; page: BufferedPage; now: number; messageId: string };
const inputs = (overrides: Partial<Inputs> = {}): Inputs => ({
  identity: { anonymousId: 'anon-1', userId: null, traits: {}, groupId: null, groupTraits: {} },
  page: PAGE,
  device: DEVICE,
  integrations: {},
  now: NOW,
  messageId: '01HXMSG',
  ...overrides,
});

const buildWith = (call: Call, given: Inputs) => buildEvent(call, given, given.identity, given.page, given.now, given.messageId);
const build = (type: EventType, args: unknown[], overrides: Partial<Inputs> = {}) =>
  buildWith(normalizeCall(type, args), inputs(overrides));

describe('common fields', () => {
  it('type, messageId, ISO timestamp with milliseconds, anonymousId, no userId when anonymous', () => {
    const event = build('track', ['Signed Up', { plan: 'pro' }]);
    expect(event.type).toBe('track');
    expect(event.messageId).toBe('01HXMSG');
    expect(event.timestamp).toBe('2024-05-06T07:08:09.123Z');
    expect(event.anonymousId).toBe('anon-1');
    expect('userId' in event).toBe(false);
    expect(event.event).toBe('Signed Up');
    expect(event.properties).toEqual({ plan: 'pro' });
  });

  it('userId from the identity', () => {
    const event = build('track', ['E'], { identity: { anonymousId: 'a', userId: 'u-9', traits: {}, groupId: null, groupTraits: {} } });
    expect(event.userId).toBe('u-9');
  });

  it('context: library, page, campaign (utm_campaign as name), device fields', () => {
    const { context } = build('track', ['E']);
    expect(context.library).toBe(LIBRARY);
    expect(LIBRARY.name).toBe('tally');
    expect(context.page).toEqual({
      path: '/pricing',
      referrer: 'https://google.test/',
      search: '?utm_campaign=spring+sale&utm_source=news',
      title: 'Pricing',
      url: 'https://shop.test/pricing?utm_campaign=spring+sale&utm_source=news',
    });
    expect(context.campaign).toEqual({ name: 'spring sale', source: 'news' });
    expect(context.userAgent).toBe('UA/1.0');
    expect(context.locale).toBe('fr-FR');
    expect(context.timezone).toBe('Europe/Paris');
    expect(context.screen).toEqual({ width: 1280, height: 720, density: 2 });
  });

  it('no campaign without utm parameters', () => {
    const event = build('track', ['E'], { page: { ...PAGE, href: 'https://shop.test/a', search: '' } });
    expect('campaign' in event.context).toBe(false);
  });

  it('uses the buffered page of a snippet call over the live one', () => {
    const bpc = { __t: 'bpc', p: '/old', u: 'https://shop.test/old', s: '', t: 'Old', r: '' };
    const call = normalizeCall('track', ['E', bpc]);
    const event = buildWith(call, inputs({ page: call.page }));
    expect(event.context.page).toMatchObject({ path: '/old', url: 'https://shop.test/old', title: 'Old' });
  });
});

describe('options', () => {
  it('options.context is merged into context and wins over device fields', () => {
    const event = build('track', ['E', {}, { context: { ip: '0.0.0.0', locale: 'de-DE' } }]);
    expect(event.context.ip).toBe('0.0.0.0');
    expect(event.context.locale).toBe('de-DE');
    expect(event.context.userAgent).toBe('UA/1.0');
  });

  it('options.context.campaign replaces the parsed campaign', () => {
    expect(build('track', ['E', {}, { context: { campaign: { name: 'manual' } } }]).context.campaign).toEqual({ name: 'manual' });
  });

  it('timestamp (Date or string), anonymousId, messageId and userId override', () => {
    const event = build('track', [
      'E',
      {},
      { timestamp: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), anonymousId: 'anon-x', messageId: 'mid-x', userId: 'user-x' },
    ]);
    expect(event.timestamp).toBe('2020-01-02T03:04:05.006Z');
    expect(event.anonymousId).toBe('anon-x');
    expect(event.messageId).toBe('mid-x');
    expect(event.userId).toBe('user-x');
    expect(build('track', ['E', {}, { timestamp: '2021-06-01T00:00:00Z' }]).timestamp).toBe('2021-06-01T00:00:00.000Z');
  });

  it('override keys do not leak into context', () => {
    const { context } = build('track', [
      'E',
      {},
      { timestamp: '2021-06-01T00:00:00Z', anonymousId: 'a', messageId: 'm', userId: 'u', integrations: {} },
    ]);
    for (const key of ['timestamp', 'anonymousId', 'messageId', 'userId', 'integrations', 'context']) expect(key in context).toBe(false);
  });

  it('a bad timestamp or empty ids fall back to the clock and identity', () => {
    const event = build('track', ['E', {}, { timestamp: 'not a date', anonymousId: '', messageId: '', userId: 5 }]);
    expect(event.timestamp).toBe('2024-05-06T07:08:09.123Z');
    expect(event.anonymousId).toBe('anon-1');
    expect(event.messageId).toBe('01HXMSG');
    expect('userId' in event).toBe(false);
  });

  it('other option keys go into context', () => {
    const event = build('track', ['E', {}, { traits: { email: 'a@b.test' }, ip: '1.2.3.4' }]);
    expect(event.context.traits).toEqual({ email: 'a@b.test' });
    expect(event.context.ip).toBe('1.2.3.4');
  });

  it('integrations: load-level toggles under the call’s own', () => {
    const event = build('track', ['E', {}, { integrations: { Amplitude: { sessionId: 1 }, Mixpanel: true } }], {
      integrations: { Mixpanel: false, 'Customer.io': false },
    });
    expect(event.integrations).toEqual({ Mixpanel: true, 'Customer.io': false, Amplitude: { sessionId: 1 } });
  });

  // analytics-next merges a partial page override: `{...pageCtx, ...evtCtx.page}` (add-page-context.ts).
  it('a partial options.context.page is merged over the real page context', () => {
    const event = build('track', ['E', {}, { context: { page: { path: '/virtual' } } }]);
    expect(event.context.page).toMatchObject({
      path: '/virtual',
      title: 'Pricing',
      url: 'https://shop.test/pricing?utm_campaign=spring+sale&utm_source=news',
    });
  });
});

describe('per type', () => {
  it('page: properties hold the page context plus name and category', () => {
    const event = build('page', ['Docs', 'Pricing', { plan: 'pro' }]);
    expect(event.name).toBe('Pricing');
    expect(event.category).toBe('Docs');
    expect(event.properties).toEqual({
      path: '/pricing',
      referrer: 'https://google.test/',
      search: '?utm_campaign=spring+sale&utm_source=news',
      title: 'Pricing',
      url: 'https://shop.test/pricing?utm_campaign=spring+sale&utm_source=news',
      plan: 'pro',
      name: 'Pricing',
      category: 'Docs',
    });
  });

  it('page: a property overrides the page context value of the same key', () => {
    expect(build('page', [{ title: 'Custom' }]).properties!.title).toBe('Custom');
  });

  it('page without a name has no name field', () => {
    const event = build('page', []);
    expect('name' in event).toBe(false);
    expect('name' in event.properties!).toBe(false);
  });

  // analytics-next copies page-context keys given as page properties into context.page, so page({ path: '/virtual' })
  // (and pageview(url)) report the virtual path there too.
  it('page: page-context keys in properties also go into context.page', () => {
    expect(build('page', [{ path: '/virtual' }]).context.page!.path).toBe('/virtual');
  });

  it('screen: no page context in properties', () => {
    const event = build('screen', ['Home', { tab: 1 }]);
    expect(event.type).toBe('screen');
    expect(event.properties).toEqual({ tab: 1, name: 'Home' });
  });

  it('identify: traits are the identity’s (merged) traits, not only the call’s', () => {
    const identity = { anonymousId: 'a', userId: 'u1', traits: { plan: 'pro', email: 'x@y.test' }, groupId: null, groupTraits: {} };
    const event = build('identify', ['u1', { plan: 'pro' }], { identity });
    expect(event.userId).toBe('u1');
    expect(event.traits).toEqual({ plan: 'pro', email: 'x@y.test' });
    expect('properties' in event).toBe(false);
  });

  it('group: groupId from the call, traits from the identity', () => {
    const identity = { anonymousId: 'a', userId: null, traits: {}, groupId: 'g1', groupTraits: { seats: 5 } };
    const event = build('group', ['g1', { seats: 5 }], { identity });
    expect(event.groupId).toBe('g1');
    expect(event.traits).toEqual({ seats: 5 });
  });

  it('alias: userId and previousId from the call', () => {
    const event = build('alias', ['new', 'old']);
    expect(event.userId).toBe('new');
    expect(event.previousId).toBe('old');
  });

  it('alias: previousId falls back to the current userId, then the anonymousId', () => {
    const known = { anonymousId: 'anon-1', userId: 'u-old', traits: {}, groupId: null, groupTraits: {} };
    expect(build('alias', ['new'], { identity: known }).previousId).toBe('u-old');
    expect(build('alias', ['new']).previousId).toBe('anon-1');
  });

  it('is JSON-serialisable as built', () => {
    const event = build('track', ['E', { n: 1 }]);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});
