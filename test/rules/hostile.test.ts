// @vitest-environment happy-dom
// Rules written to hurt the page (issue 21): prototype keys in definitions and property names.
import { afterEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { readProperties } from '../../src/tracker/properties';

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
