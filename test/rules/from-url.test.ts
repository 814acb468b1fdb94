// @vitest-environment happy-dom
// Rules from a URL: the stored document applies at once, the fresh one when it arrives; a bad or missing document keeps
// the last good rules, with one error naming the URL and the field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/config/config';
import { createProblems } from '../../src/config/readers';
import * as rulesPiece from '../../src/rules/piece';
import { MAX_STORED_CHARS, RULES_STORAGE_KEY, readStoredRules } from '../../src/rules/rules-cache';
import { readDocument } from '../../src/rules/document';
import { PIECE_TABLE } from '../../src/pieces/table';
import type { PieceContext, RulesGate } from '../../src/pieces/contract';

/** A rules piece's context: the config, and the core's hand-off of a document's plan. */
type RulesHost = Pick<PieceContext, 'config' | 'usePlan'> & {
  rules?: RulesGate['rules'];
  ruleProblems?: readonly string[];
  fillPlan?: unknown;
};
const eventsGate = (host: RulesHost) => {
  const gate = rulesPiece.eventsGate(host as unknown as PieceContext);
  host.rules = gate.rules;
  host.ruleProblems = gate.problems;
  return gate;
};
/** The gate as the core's lazy gate gets it (the piece table's rules line): a promise until a first visit's document is known. */
const tableGate = (host: RulesHost) =>
  PIECE_TABLE.find((row) => row.name === 'rules')?.gate?.create(
    { eventsGate: () => eventsGate(host) } as never,
    host as unknown as PieceContext,
  );
const usePlan = () => {};

const URL_PATH = '/rules/site.json';
const doc = (version: string, events: object, extra: object = {}) => ({ version, events, ...extra });

/** A fetch that answers each call from `answers` in turn and records the request headers. */
function stubFetch(...answers: (Response | Error)[]) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    requests.push({ url, headers: { ...(init.headers as Record<string, string>) } });
    const answer = answers.shift() ?? new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  vi.stubGlobal('fetch', fetch);
  return requests;
}
const json = (body: unknown, etag?: string) =>
  new Response(JSON.stringify(body), { status: 200, headers: etag ? { etag, 'content-type': 'application/json' } : {} });

function start(options: object = {}, extra: Partial<RulesHost> = {}) {
  const config = readConfig(createProblems(), 'KEY', { rulesUrl: URL_PATH, ...options });
  const host: RulesHost = { config, usePlan, ...extra };
  eventsGate(host);
  const names = () => host.rules?.current().map((definition) => definition.name);
  return { host, names };
}
/** Lets the revalidation's promise chain run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let errors: string[];
beforeEach(() => {
  localStorage.clear();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.unstubAllGlobals());

describe('rulesUrl', () => {
  it('applies a fresh document when it arrives and keeps it, with its version and ETag', async () => {
    const requests = stubFetch(json(doc('1', { 'Signup Clicked': { on: 'click', selector: '.signup' } }), '"v1"'));
    const { names } = start();
    expect(names()).toEqual([]);
    await settle();
    expect(names()).toEqual(['Signup Clicked']);
    expect(requests[0]).toEqual({ url: URL_PATH, headers: {} });
    expect(readStoredRules(URL_PATH)).toMatchObject({ version: '1', etag: '"v1"' });
  });

  it('on a first visit the gate is ready once the document is known; with a stored copy, at once', async () => {
    stubFetch(json(doc('1', { A: { on: 'page' } }), '"v1"'));
    const config = readConfig(createProblems(), 'KEY', { rulesUrl: URL_PATH });
    const first: RulesHost = { config, usePlan };
    const pending = tableGate(first);
    expect(pending).toBeInstanceOf(Promise);
    const gate = await pending;
    expect(gate).toHaveProperty('run');
    expect(first.rules?.get('A')).toBeDefined();
    stubFetch(new Response(null, { status: 304 }));
    expect(tableGate({ config, usePlan })).toHaveProperty('run');
  });

  it('applies the stored document synchronously, then revalidates with If-None-Match (304: nothing changes)', async () => {
    stubFetch(json(doc('1', { A: { on: 'click', selector: 'a' } }), '"v1"'));
    start();
    await settle();
    const requests = stubFetch(new Response(null, { status: 304 }));
    const { names } = start();
    expect(names()).toEqual(['A']);
    await settle();
    expect(requests[0].headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(names()).toEqual(['A']);
    expect(errors).toEqual([]);
  });

  it('an invalid document keeps the last good rules: one error naming the URL and the field', async () => {
    stubFetch(json(doc('1', { A: { on: 'click', selector: 'a' } }), '"v1"'));
    start();
    await settle();
    stubFetch(json({ events: {} }, '"v2"'));
    const { names } = start();
    await settle();
    expect(names()).toEqual(['A']);
    expect(errors).toEqual([`[tally] ${URL_PATH} version: required; keeping the last good rules (version 1)`]);
    expect(readStoredRules(URL_PATH)?.etag).toBe('"v1"');
  });

  it.each([
    [new Error('Failed to fetch'), 'unreachable (Failed to fetch)'],
    [new Response('nope', { status: 404 }), 'answered 404'],
    [new Response('{ not json', { status: 200 }), 'is not JSON'],
  ])('an unreachable or unreadable document keeps the last good rules (%s)', async (answer, why) => {
    stubFetch(json(doc('7', { A: { on: 'page' } }), '"v7"'));
    start();
    await settle();
    stubFetch(answer);
    const { names } = start();
    await settle();
    expect(names()).toEqual(['A']);
    expect(errors).toEqual([`[tally] ${URL_PATH}: ${why}; keeping the last good rules (version 7)`]);
  });

  it('without a stored copy, an unreachable document says that no rules from it are in force; inline rules still work', async () => {
    stubFetch(new Error('offline'));
    const { names } = start({ events: { Inline: { on: 'page' } } });
    await settle();
    expect(names()).toEqual(['Inline']);
    expect(errors).toEqual([`[tally] ${URL_PATH}: unreachable (offline); no rules from it are in force`]);
  });

  it("a bad definition in a fresh document keeps that definition's last good version; the others apply", async () => {
    stubFetch(json(doc('1', { A: { on: 'click', selector: 'a.old' }, B: { on: 'page' } }), '"v1"'));
    start();
    await settle();
    stubFetch(json(doc('2', { A: { on: 'click', selector: 'a[' }, B: { on: 'page', fire: '/b' }, C: { on: 'click' } }), '"v2"'));
    const { host, names } = start();
    await settle();
    expect(names()).toEqual(['A', 'B']);
    expect(host.rules?.get('A')?.selector).toBe('a.old');
    expect(host.rules?.get('B')?.fire).toHaveLength(1);
    expect(errors).toEqual([
      `[tally] ${URL_PATH} events["A"].selector: invalid CSS selector "a["; keeping this definition from version 1`,
      `[tally] ${URL_PATH} events["C"].selector: required; this definition is disabled`,
    ]);
    // What is stored is what is in force: the next load applies the same rules at once.
    expect(readStoredRules(URL_PATH)?.document.events).toEqual({ A: { on: 'click', selector: 'a.old' }, B: { on: 'page', fire: '/b' } });
    expect(host.ruleProblems).toHaveLength(2);
  });

  it('a regex that could freeze the page is refused in a document too: one error naming the URL, event, field and pattern', async () => {
    stubFetch(json(doc('1', { Evil: { on: 'page', fire: { regex: '(a+)+$', on: 'path' } }, Good: { on: 'page', fire: '/a*' } })));
    const { names } = start();
    await settle();
    expect(names()).toEqual(['Good']);
    expect(errors).toEqual([
      `[tally] ${URL_PATH} events["Evil"].fire[0].regex: "(a+)+$" has a quantifier inside a repeated group, such as (a+)+, which can freeze the page for seconds on a long URL or text (ReDoS); rewrite it without that; this definition is disabled`,
    ]);
  });

  it("the document's definition wins over an inline one of the same name", async () => {
    stubFetch(json(doc('1', { Shared: { on: 'click', selector: '.from-url' } })));
    const { host, names } = start({ events: { Shared: { on: 'click', selector: '.inline' }, Own: { on: 'page' } } });
    expect(host.rules?.get('Shared')?.selector).toBe('.inline');
    await settle();
    expect(names()).toEqual(['Own', 'Shared']);
    expect(host.rules?.get('Shared')?.selector).toBe('.from-url');
  });

  it('keeps at most one document, and none too large to store', async () => {
    localStorage.setItem(RULES_STORAGE_KEY, JSON.stringify({ url: '/other.json', version: '1', document: doc('1', {}) }));
    expect(readStoredRules(URL_PATH)).toBeUndefined();
    const big = Object.fromEntries(
      Array.from({ length: 4000 }, (_, i) => [`Event ${i}`, { on: 'click', selector: `.s${'x'.repeat(40)}${i}` }]),
    );
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_STORED_CHARS);
    stubFetch(json(doc('1', big)));
    const { names } = start();
    await settle();
    expect(names()).toHaveLength(4000);
    expect(readStoredRules(URL_PATH)).toBeUndefined();
  });

  it("a document's plan is put in force through the plan piece; a later document without one brings the option's plan back", async () => {
    const plan = { events: { A: { properties: { n: { type: 'number' } } } } };
    const replaced: unknown[] = [];
    // As the core: usePlan fills the plan gate and puts the plan in force (undefined: the `plan` option's, here none).
    const planHooks = () => {
      const fillPlan = vi.fn((value: unknown) => void replaced.push(value ?? {}));
      return { fillPlan, usePlan: fillPlan };
    };
    stubFetch(json(doc('1', {}, { plan }), '"v1"'));
    const { host } = start({}, planHooks());
    await settle();
    expect(host.fillPlan).toHaveBeenCalledOnce();
    expect(replaced).toEqual([plan]);
    // The next load: the stored plan at once, then a fresh document without a plan.
    stubFetch(json(doc('2', {}), '"v2"'));
    start({}, planHooks());
    await settle();
    expect(replaced.slice(1)).toEqual([plan, {}]);
  });
});

describe('readDocument', () => {
  it.each([
    [[], `${URL_PATH}: expected a rules document { "version": "...", "events": { ... } }, got an array`],
    [{ version: 1, events: {} }, `${URL_PATH} version: expected a non-empty string, got 1`],
    [{ version: '1' }, `${URL_PATH} events: required`],
    [{ version: '1', events: [] }, `${URL_PATH} events: expected an object, got an array`],
    [{ version: '1', events: {}, plna: {} }, `${URL_PATH} plna: unknown field`],
  ])('%j → %s', (value, message) => {
    const problems = createProblems();
    expect(readDocument(problems, URL_PATH, value)).toBeUndefined();
    expect(problems.errors[0].message).toBe(message);
  });
});
