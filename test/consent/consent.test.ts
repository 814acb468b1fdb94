// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsent, readConsent, toChoice } from '../../src/consent/choice';
import { persistIdentity } from '../../src/consent/persistence';
import { CONSENT_KEY, grants, startConsent } from '../../src/consent/start';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { createProblems } from '../../src/config/readers';
import { trackEvent } from '../helpers/events';

const event = (name: string) => trackEvent({ event: name, messageId: name });
const call = { type: 'track' as const, options: {} };
const config = { required: true, categories: { 'Customer.io': ['marketing'] }, match: 'all' as const, honorGPC: false, waitMs: 10_000 };

describe('consent state machine', () => {
  it('holds events until granted, then releases them with consent context', async () => {
    const consent = createConsent(config, undefined);
    const held = consent.gate.run(event('A'), call);
    expect('wait' in held).toBe(true);
    expect(consent.collecting()).toBe(false);
    consent.choose({ analytics: true, marketing: false });
    const released = await (held as { wait: Promise<unknown> }).wait;
    expect(released).toMatchObject({
      event: {
        event: 'A',
        integrations: { 'Customer.io': false },
        context: { consent: { categoryPreferences: { marketing: false, analytics: true } } },
      },
    });
    // Later events pass synchronously.
    expect(consent.gate.run(event('B'), call)).toMatchObject({ event: { event: 'B' } });
  });

  it('drops what is held on denial, and everything after', async () => {
    const consent = createConsent(config, undefined);
    const held = consent.gate.run(event('A'), call) as { wait: Promise<unknown> };
    consent.choose(false);
    expect(await held.wait).toEqual({ stopped: 'no consent' });
    expect(consent.gate.run(event('B'), call)).toEqual({ stopped: 'no consent' });
  });

  it('a later choice replaces an earlier one (revocation and re-grant)', () => {
    const consent = createConsent(config, { '*': true });
    expect('event' in consent.gate.run(event('A'), call)).toBe(true);
    consent.choose(false);
    expect('stopped' in consent.gate.run(event('B'), call)).toBe(true);
    consent.choose(true);
    expect(consent.gate.run(event('C'), call)).toMatchObject({
      event: { integrations: {}, context: { consent: { categoryPreferences: { marketing: true } } } },
    });
  });

  it('passes events untouched when consent is not configured', () => {
    const consent = createConsent({ ...config, required: false, categories: {} }, { '*': true });
    const e = event('A');
    expect(consent.gate.run(e, call)).toEqual({ event: e });
  });

  it('reads choices and the option', () => {
    expect(toChoice(true)).toEqual({ '*': true });
    expect(toChoice({ marketing: false, x: 'yes' })).toEqual({ marketing: false });
    expect(toChoice('yes')).toBeUndefined();
    const problems = createProblems();
    expect(readConsent(problems, { required: 'yes', categories: { A: 3 } })).toEqual({
      required: false,
      categories: { A: [] },
      match: 'all',
      honorGPC: false,
      from: undefined,
      waitMs: 10_000,
    });
    expect(problems.errors.map((error) => error.field)).toEqual(['consent.required', 'consent.categories["A"]']);
  });
});

describe('identity before consent', () => {
  const cookie = { path: '/', maxAgeDays: 1, sameSite: 'Lax' as const, secure: false };
  beforeEach(() => {
    localStorage.clear();
    for (const pair of document.cookie.split('; '))
      if (pair) document.cookie = `${pair.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });

  it('writes no cookie and no storage until persist(true), then writes the identity through; persist(false) removes it', () => {
    const memory = createMemoryStore();
    const stores = { ids: [memory], traits: [memory] };
    const identity = createIdentity(stores.ids, stores.traits);
    const persist = (on: boolean) => persistIdentity(stores, cookie, on);
    const anonymousId = identity.anonymousId();
    identity.identify('u1', { plan: 'pro' });
    expect(document.cookie).toBe('');
    expect(localStorage.length).toBe(0);
    persist(true);
    expect(document.cookie).toContain(`ajs_anonymous_id=${anonymousId}`);
    expect(document.cookie).toContain('ajs_user_id=u1');
    expect(JSON.parse(localStorage.getItem('ajs_user_traits')!)).toEqual({ plan: 'pro' });
    identity.identify('u1', { seats: 3 });
    expect(JSON.parse(localStorage.getItem('ajs_user_traits')!)).toEqual({ plan: 'pro', seats: 3 });
    persist(false);
    expect(document.cookie).not.toContain('ajs_');
    expect(Object.keys(localStorage).filter((key) => key.startsWith('ajs_'))).toEqual([]);
    expect(identity.userId()).toBe('u1');
    expect(localStorage.getItem(CONSENT_KEY)).toBeNull();
  });
});

describe('consent at load (core)', () => {
  beforeEach(() => localStorage.clear());

  it('stores nothing before a grant when consent is required, and lets the piece decide', () => {
    expect(startConsent(null)).toEqual({ storing: true, decides: false });
    expect(startConsent({ required: true })).toEqual({ storing: false, decides: true });
    localStorage.setItem(CONSENT_KEY, JSON.stringify({ '*': false }));
    expect(startConsent(null)).toEqual({ storing: false, decides: true });
    localStorage.setItem(CONSENT_KEY, JSON.stringify({ marketing: false, analytics: true }));
    expect(startConsent({ required: true })).toEqual({ storing: true, decides: true });
  });

  it('reads a stored choice as granting only when some category is true', () => {
    expect(grants('{"*":true}')).toBe(true);
    expect(grants('{"*":false}')).toBe(false);
    expect(grants('not json')).toBe(false);
    expect(grants('null')).toBe(false);
  });
});
