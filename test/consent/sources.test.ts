// @vitest-environment happy-dom
// Each source against a stand-in of its CMP's public API (see docs/consent.md for the references).
import { afterEach, describe, expect, it } from 'vitest';
import { onetrust } from '../../src/consent/sources/onetrust';
import { cookiebot } from '../../src/consent/sources/cookiebot';
import { tcf } from '../../src/consent/sources/tcf';
import { gcm } from '../../src/consent/sources/gcm';
import { createConsentModeLog, toConsentStatus } from '../../src/consent/consent-mode';

const page = window as unknown as Record<string, any>;
afterEach(() => {
  for (const key of ['OneTrust', 'OnetrustActiveGroups', 'OptanonWrapper', 'Cookiebot', '__tcfapi', 'dataLayer']) delete page[key];
});

/** Counts the reader's change calls. */
function started(source: typeof onetrust, ids: string[] = []) {
  const reader = source.create(ids);
  const calls = { n: 0 };
  reader.start(() => calls.n++);
  return { reader, calls };
}

describe('OneTrust', () => {
  it('reads no choice until the banner is closed, then the active groups; hears OptanonWrapper and OnConsentChanged', () => {
    const siteWrapper: string[] = [];
    page.OptanonWrapper = () => siteWrapper.push('site');
    const { reader, calls } = started(onetrust);
    expect(reader.read()).toBeUndefined();
    let closed = false;
    const changed: Array<() => void> = [];
    page.OneTrust = { IsAlertBoxClosed: () => closed, OnConsentChanged: (callback: () => void) => changed.push(callback) };
    page.OnetrustActiveGroups = ',C0001,';
    expect(reader.read()).toBeUndefined();
    page.OptanonWrapper();
    expect(siteWrapper).toEqual(['site']);
    expect(calls.n).toBe(1);
    closed = true;
    page.OnetrustActiveGroups = ',C0001,C0002,';
    expect(reader.read()).toEqual({ '*': false, C0001: true, C0002: true });
    changed.forEach((callback) => callback());
    dispatchEvent(new Event('OneTrustGroupsUpdated'));
    expect(calls.n).toBe(3);
    reader.stop();
    expect(siteWrapper).toEqual(['site']);
    expect(typeof page.OptanonWrapper).toBe('function');
  });

  it('a banner that is not shown is a choice', () => {
    page.OneTrust = { IsAlertBoxClosed: () => false, GetDomainData: () => ({ ShowAlertNotice: false }) };
    page.OnetrustActiveGroups = ',C0001,C0003,';
    expect(onetrust.create([]).read()).toEqual({ '*': false, C0001: true, C0003: true });
  });
});

describe('Cookiebot', () => {
  it('reads Cookiebot.consent once the visitor answered, and hears its window events', () => {
    const { reader, calls } = started(cookiebot);
    page.Cookiebot = { hasResponse: false, consent: { necessary: true, preferences: false, statistics: false, marketing: false } };
    expect(reader.read()).toBeUndefined();
    page.Cookiebot = { hasResponse: true, consent: { necessary: true, preferences: false, statistics: true, marketing: false } };
    for (const name of ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline']) dispatchEvent(new Event(name));
    expect(calls.n).toBe(3);
    expect(reader.read()).toEqual({ '*': false, necessary: true, preferences: false, statistics: true, marketing: false });
    reader.stop();
    dispatchEvent(new Event('CookiebotOnAccept'));
    expect(calls.n).toBe(3);
  });
});

/** The IAB stub's queue, then a CMP that answers it: the way the stand-in page does it. */
function tcfStub() {
  const queue: unknown[][] = [];
  const stub = (...args: unknown[]) => void queue.push(args);
  stub.a = queue;
  page.__tcfapi = stub;
  const listeners: Array<(data: unknown, success: boolean) => void> = [];
  return {
    load() {
      page.__tcfapi = (command: string, _version: number, callback: (data: unknown, success: boolean) => void) => {
        if (command === 'addEventListener') listeners.push(callback);
      };
      for (const [command, version, callback] of queue) page.__tcfapi(command, version, callback);
    },
    announce: (data: object) => listeners.forEach((listener, listenerId) => listener({ listenerId, ...data }, true)),
  };
}

describe('IAB TCF v2.2', () => {
  it('queues its listener in the stub; only tcloaded and useractioncomplete are choices', () => {
    const cmp = tcfStub();
    const { reader, calls } = started(tcf, ['vendor:755', '1']);
    expect(page.__tcfapi.a).toHaveLength(1);
    cmp.load();
    cmp.announce({ eventStatus: 'cmpuishown', gdprApplies: true });
    expect(reader.read()).toBeUndefined();
    cmp.announce({
      eventStatus: 'useractioncomplete',
      gdprApplies: true,
      purpose: { consents: { 1: true } },
      vendor: { consents: { 755: true } },
    });
    expect(calls.n).toBe(1);
    expect(reader.read()).toMatchObject({ '*': false, 1: true, 2: false, 11: false, 'vendor:755': true });
    cmp.announce({ eventStatus: 'tcloaded', gdprApplies: false });
    expect(reader.read()).toEqual({ '*': true });
  });

  it('attaches when the stub appears after tally', () => {
    const reader = tcf.create([]);
    reader.start(() => undefined);
    const cmp = tcfStub();
    expect(reader.read()).toBeUndefined();
    cmp.load();
    cmp.announce({ eventStatus: 'tcloaded', gdprApplies: true, purpose: { consents: { 1: true } } });
    expect(reader.read()).toMatchObject({ 1: true });
  });
});

describe('Google Consent Mode v2', () => {
  const gtag = function (..._args: unknown[]) {
    // gtag pushes its arguments object, as Google's snippet does.
    // eslint-disable-next-line prefer-rest-params
    page.dataLayer.push(arguments);
  };

  it('a denying default is no choice; an update is, later entries winning; region defaults are skipped', () => {
    page.dataLayer = [];
    const { reader, calls } = started(gcm);
    gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    gtag('consent', 'default', { analytics_storage: 'granted', region: ['US'] });
    expect(reader.read()).toBeUndefined();
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(calls.n).toBe(3);
    expect(reader.read()).toEqual({
      '*': false,
      ad_storage: false,
      analytics_storage: true,
      ad_user_data: false,
      ad_personalization: false,
    });
    reader.stop();
  });

  it('a granting default is a choice; the signals are carried as GRANTED / DENIED', () => {
    page.dataLayer = [];
    gtag('consent', 'default', { ad_storage: 'granted', ad_user_data: 'denied' });
    expect(gcm.create([]).read()).toEqual({ '*': false, ad_storage: true, ad_user_data: false });
    const log = createConsentModeLog();
    expect(toConsentStatus(log())).toEqual({ ad_storage: 'GRANTED', ad_user_data: 'DENIED' });
    page.dataLayer = [];
    expect(toConsentStatus(log())).toBeUndefined();
  });
});
