// @vitest-environment happy-dom
// Rules written to hurt the page (issue 21): prototype keys in definitions and property names.
import { afterEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { readProperties } from '../../src/tracker/properties';
import { compilePattern, MAX_MATCH_INPUT_LENGTH, matchUrl, toUrlParts } from '../../src/rules/url-pattern';

const NAMES = { segment: 'Segment.io', customerio: 'Customer.io' };
const read = (events: unknown) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events, NAMES);
  return { definitions, errors: problems.errors.map((error) => error.message) };
};

afterEach(() => delete (Object.prototype as Record<string, unknown>).polluted);

describe('prototype keys in definitions', () => {
  it('a definition field named constructor or __proto__ is an unknown field, not a reader', () => {
    const { definitions, errors } = read(
      JSON.parse('{"A": {"on": "page", "constructor": 1}, "B": {"on": "page", "__proto__": 1}, "C": {}}'),
    );
    expect(definitions.map((definition) => definition.name)).toEqual(['C']);
    expect(errors).toEqual([
      'events["A"].constructor: unknown field; this definition is disabled',
      'events["B"].__proto__: unknown field; this definition is disabled',
    ]);
  });

  it('destination toggles named __proto__ or constructor stay own flags', () => {
    const [definition] = read(
      JSON.parse('{"A": {"destinations": {"__proto__": false, "constructor": false, "segment": false}}}'),
    ).definitions;
    expect(Object.getPrototypeOf(definition.destinations)).toBe(Object.prototype);
    expect(Object.keys(definition.destinations ?? {})).toEqual(['__proto__', 'constructor', 'Segment.io']);
  });

  it('a property named __proto__ is an own property of the event, never its prototype', () => {
    const events = JSON.parse('{"A": {"properties": {"__proto__": {"value": {"polluted": true}}}, "identify": {"traits": ["__proto__"]}}}');
    const [definition] = read(events).definitions;
    const properties = readProperties(definition, undefined, '');
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect((properties as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(properties)).toBe('{"__proto__":{"polluted":true}}');
  });
});

describe('patterns that could freeze the page (ReDoS)', () => {
  it.each([
    [{ fire: { regex: '(a+)+$', on: 'path' } }, 'fire[0].regex', '"(a+)+$" has a quantifier inside a repeated group'],
    [{ dontFire: [{ regex: '(a|ab)*x' }] }, 'dontFire[0].regex', '"(a|ab)*x" repeats a group of alternatives'],
    [{ on: 'click', selector: 'a', text: { regex: '\\d+\\d+$' } }, 'text.regex', '"\\\\d+\\\\d+$" chains open-ended quantifiers'],
  ])('%j is refused at load: one error naming the event, the field and the pattern; the rest still work', (definition, field, detail) => {
    const { definitions, errors } = read({ Evil: definition, Good: { on: 'page', fire: '/a*' } });
    expect(definitions.map((read) => read.name)).toEqual(['Good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`events["Evil"].${field}: ${detail}`);
    expect(errors[0]).toMatch(/can freeze the page .*; this definition is disabled$/);
  });

  it('the (a+)+$ example no longer runs: refused at load instead of blocking for seconds', () => {
    const problems = createProblems();
    expect(compilePattern(problems, 'fire', { regex: '(a+)+$', on: 'path' })).toBeUndefined();
    expect(problems.errors).toHaveLength(1);
  });

  it('a wildcard string matches a 2,048-character path at once, where its old RegExp took seconds', () => {
    const pattern = compilePattern(createProblems(), 'fire', '/*/*/*/x')!;
    const parts = toUrlParts(`https://shop.test${'/'.repeat(2048)}`, '');
    const started = performance.now();
    expect(matchUrl(pattern, parts)).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
    expect(matchUrl(pattern, toUrlParts('https://shop.test/a/b/c/x', ''))).toBe(true);
  });

  it(`a pattern sees at most MAX_MATCH_INPUT_LENGTH (${MAX_MATCH_INPUT_LENGTH}) characters`, () => {
    const tail = compilePattern(createProblems(), 'fire', { endsWith: 'end', on: 'query' })!;
    const head = compilePattern(createProblems(), 'fire', { startsWith: '?x', on: 'query' })!;
    const query = (length: number) => toUrlParts(`https://shop.test/?x${'a'.repeat(length)}end`, '');
    expect(matchUrl(tail, query(MAX_MATCH_INPUT_LENGTH - 5))).toBe(true);
    expect(matchUrl(tail, query(MAX_MATCH_INPUT_LENGTH))).toBe(false);
    expect(matchUrl(head, query(MAX_MATCH_INPUT_LENGTH))).toBe(true);
  });
});
