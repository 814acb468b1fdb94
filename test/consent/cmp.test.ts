// @vitest-environment happy-dom
// consent.from end to end in one instance (bundled pieces, a recording transport): held, released, changed, bounded, broken.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { resetLogged } from '../../src/errors';
import { readConsent } from '../../src/consent/options';
import { SOURCES } from '../../src/consent/sources/list';
import { listen, page, type ConsentSource } from '../../src/consent/sources/source';
import { createRecordedInstance } from '../helpers/instance';

const global = window as unknown as Record<string, any>;

let instances = 0;
/** An instance of its own write key: earlier tests' instances, still alive, must not deliver its events. */
function setup(consent: Record<string, unknown>) {
  const { analytics, sent } = createRecordedInstance({ consent }, `KEY-${++instances}`);
  return { analytics, sent, names: () => sent.map((event) => event.event) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
/** The OneTrust stand-in: active groups, a banner closed or not, and its window event. */
function oneTrust(groups: string, closed: boolean) {
  global.OneTrust = { IsAlertBoxClosed: () => closed, OnConsentChanged: () => undefined };
  global.OnetrustActiveGroups = groups;
  dispatchEvent(new Event('OneTrustGroupsUpdated'));
}

beforeEach(() => {
  localStorage.clear();
  resetLogged();
});
afterEach(() => {
  for (const key of ['OneTrust', 'OnetrustActiveGroups', 'OptanonWrapper', 'madeUpChoice']) delete global[key];
  vi.restoreAllMocks();
});

describe('consent.from', () => {
  it('holds until the CMP loads and answers, releases in order to the granted destinations, and applies a change once', async () => {
    const { analytics, sent, names } = setup({ required: true, from: 'onetrust', categories: { 'Segment.io': 'C0002' } });
    analytics.track('A');
    analytics.track('B');
    await settle();
    oneTrust(',C0001,', false); // loaded, banner open: no choice yet
    await settle();
    expect(sent).toEqual([]);
    oneTrust(',C0001,C0002,', true);
    await settle();
    expect(names()).toEqual(['A', 'B']);
    expect(sent[0].context.consent.categoryPreferences).toEqual({ C0001: true, C0002: true });
    // The same answer again (OptanonWrapper, OTConsentApplied) is no change.
    oneTrust(',C0001,C0002,C0004,', true);
    oneTrust(',C0001,C0002,C0004,', true);
    analytics.track('C');
    await settle();
    expect(names()).toEqual(['A', 'B', 'Segment Consent Preference Updated', 'C']);
    expect(sent[2].context.consent.categoryPreferences).toEqual({ C0001: true, C0002: true, C0004: true });
    // Withdrawn: nothing more is sent, not even the preference event.
    // Only the strictly necessary group left on is no grant: events stop (and identity goes back to memory).
    oneTrust(',C0001,', true);
    expect((await analytics.track('D'))?.stopped).toBe('consent: no consent');
    await settle();
    expect(names()).toEqual(['A', 'B', 'Segment Consent Preference Updated', 'C']);
  });

  it('an explicit analytics.consent() wins until the CMP announces a different choice', async () => {
    const { analytics, names } = setup({ required: true, from: 'onetrust', categories: { 'Segment.io': 'C0002' } });
    oneTrust(',C0001,C0002,', true);
    analytics.consent(false);
    analytics.track('A');
    oneTrust(',C0001,C0002,', true);
    await settle();
    expect(names()).toEqual([]);
    oneTrust(',C0001,C0002,C0003,', true);
    analytics.track('B');
    await settle();
    // A (held under the explicit denial) stays dropped; the new answer is a change.
    expect(names()).toEqual(['Segment Consent Preference Updated', 'B']);
  });

  it('a CMP that never answers: held, then one warning naming it after consent.waitMs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { analytics, sent } = setup({ required: true, from: 'onetrust', waitMs: 40 });
    analytics.track('A');
    await settle();
    await settle();
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][1])).toMatch(/^consent\.from: OneTrust gave no choice within 40 ms: events are held/);
  });

  it('a CMP that throws: one error naming the field, nothing sent', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    global.OnetrustActiveGroups = ',C0001,C0002,';
    global.OneTrust = {
      IsAlertBoxClosed() {
        throw new Error('broken');
      },
    };
    const { analytics, sent } = setup({ required: true, from: 'onetrust', waitMs: 1000 });
    analytics.track('A');
    analytics.track('B');
    await settle();
    expect(sent).toEqual([]);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][1])).toMatch(/^consent\.from: OneTrust threw while tally read it \(broken\)/);
  });
});

describe('consent options', () => {
  it('names the field, the cost and the fix for an unknown source or a category the CMP cannot have', () => {
    const problems = createProblems();
    readConsent(problems, { from: 'onetrustt', categories: { 'Segment.io': 'C0002' } });
    readConsent(problems, { from: 'onetrust', categories: { 'Customer.io': ['C0002', 'marketing'] }, match: 'some', waitMs: -1 });
    expect(problems.errors.map((error) => error.message)).toEqual([
      `consent.from: unknown consent source "onetrustt": no CMP is read, so events wait for analytics.consent(...) and are never sent without it. Use one of 'onetrust', 'cookiebot', 'tcf', 'gcm'.`,
      `consent.categories["Customer.io"]: OneTrust has no category "marketing": it is never granted, so Customer.io gets no event. Use OneTrust group ids such as 'C0002'.`,
      `consent.match: expected 'all' or 'any', got "some"; using "all"`,
      'consent.waitMs: expected milliseconds (a number ≥ 0), got -1; using 10000',
    ]);
    const tcf = readConsent(createProblems(), { from: 'tcf', categories: { A: ['1', 'vendor:755'] }, match: 'any' });
    expect(tcf).toMatchObject({ categories: { A: ['1', 'vendor:755'] }, match: 'any', waitMs: 10_000 });
  });
});

describe('a fifth source is one file plus one line', () => {
  /** A made-up CMP: `window.madeUpChoice` and a `madeup:change` window event. Only the list knows about it. */
  const madeUp: ConsentSource = {
    name: 'madeup',
    label: 'Made Up CMP',
    isCategory: (id) => id === 'yes' || id === 'no',
    categories: "'yes' or 'no'",
    create: () => {
      let unlisten = () => {};
      return {
        start(changed) {
          unlisten = listen(['madeup:change'], changed);
        },
        read: () => page().madeUpChoice as Record<string, boolean> | undefined,
        stop: () => unlisten(),
      };
    },
  };

  it('registered through the list alone, it is validated and read like the four', async () => {
    (SOURCES as ConsentSource[]).push(madeUp);
    try {
      const problems = createProblems();
      expect(readConsent(problems, { from: 'madeup', categories: { 'Segment.io': 'yes' } }).from).toBe(madeUp);
      readConsent(problems, { from: 'madeup', categories: { 'Segment.io': 'C0002' } });
      expect(problems.errors.map((error) => error.field)).toEqual(['consent.categories["Segment.io"]']);
      const { analytics, sent, names } = setup({ required: true, from: 'madeup', categories: { 'Segment.io': 'yes' } });
      analytics.track('A');
      await settle();
      expect(sent).toEqual([]);
      global.madeUpChoice = { yes: true };
      dispatchEvent(new Event('madeup:change'));
      await settle();
      expect(names()).toEqual(['A']);
      expect(sent[0].context.consent.categoryPreferences).toEqual({ yes: true });
    } finally {
      (SOURCES as ConsentSource[]).pop();
    }
  });
});

describe('consent.from, more', () => {
  it('warns at page hide before the bound; a CMP answering late still decides', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { analytics } = setup({ required: true, from: 'onetrust', categories: { 'Segment.io': 'C0002' } });
    const held = analytics.track('A');
    await settle();
    dispatchEvent(new Event('pagehide'));
    // (Earlier tests' instances hear this pagehide too; theirs have other bounds.)
    const warnings = warn.mock.calls.map((call) => String(call[1])).filter((text) => text.includes('within 10000 ms'));
    expect(warnings).toEqual([expect.stringMatching(/^consent\.from: OneTrust gave no choice within 10000 ms/)]);
    oneTrust(',C0001,C0002,', true);
    // Released (earlier tests' instances share the buffer's storage, so which one delivers it is not this test's point).
    expect((await held)?.destinations).toEqual(['Segment.io']);
  });

  it("carries Consent Mode's signals when the page has them, whichever CMP decides", async () => {
    global.dataLayer = [['consent', 'default', { ad_storage: 'denied', ad_user_data: 'granted' }]];
    try {
      oneTrust(',C0001,C0002,', true);
      const { analytics } = setup({ required: true, from: 'onetrust', categories: { 'Segment.io': 'C0002' } });
      const released = await analytics.track('A');
      expect(released?.event.context.consent).toEqual({
        categoryPreferences: { C0001: true, C0002: true },
        googleConsentMode: { ad_storage: 'DENIED', ad_user_data: 'GRANTED' },
      });
    } finally {
      delete global.dataLayer;
    }
  });
});
