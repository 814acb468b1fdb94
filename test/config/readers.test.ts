import { describe, expect, it } from 'vitest';
import {
  createProblems,
  describe as describeValue,
  fieldsOf,
  isPlainObject,
  nonEmpty,
  readApiHost,
  readChoice,
  readInteger,
  readString,
} from '../../src/config/readers';

describe('isPlainObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null), true],
    [[], false],
    [null, false],
    [new Date(), false],
    [new (class Thing {})(), false],
    ['{}', false],
    [() => {}, false],
  ])('%o → %s', (value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});

describe('nonEmpty', () => {
  it('keeps a non-empty string and turns anything else into undefined', () => {
    expect(nonEmpty('x')).toBe('x');
    expect([nonEmpty(''), nonEmpty(3), nonEmpty(null), nonEmpty(undefined), nonEmpty({})]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('describe', () => {
  it.each([
    [null, 'null'],
    [[1], 'an array'],
    ['x', '"x"'],
    ['y'.repeat(50), `"${'y'.repeat(40)}"`],
    [3, '3'],
    [NaN, 'NaN'],
    [true, 'true'],
    [undefined, 'undefined'],
    [{}, 'an object'],
    [() => {}, 'a function'],
  ])('%o → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('readers', () => {
  it('record nothing and return the fallback for undefined', () => {
    const problems = createProblems();
    expect(readInteger(problems, 'n', undefined, 7, 0, 10)).toBe(7);
    expect(readString(problems, 's', undefined)).toBeUndefined();
    expect(readChoice(problems, 'c', undefined, ['a', 'b'] as const, 'a')).toBe('a');
    expect(problems.errors).toEqual([]);
  });

  it('readString trims, and rejects blank strings with the field named', () => {
    const problems = createProblems();
    expect(readString(problems, 'a.b', '  x  ')).toBe('x');
    expect(readString(problems, 'a.b', '   ')).toBeUndefined();
    expect(problems.errors.map((e) => e.message)).toEqual(['a.b: expected a non-empty string, got "   "']);
  });

  it('readApiHost: host/path form gets the protocol, full URLs keep theirs, trailing slashes go', () => {
    const problems = createProblems();
    expect(readApiHost(problems, 'h', 'api.test/v1')).toBe('https://api.test/v1');
    expect(readApiHost(problems, 'h', 'api.test/v1', 'http')).toBe('http://api.test/v1');
    expect(readApiHost(problems, 'h', 'HTTP://API.test:8080/v1//')).toBe('http://api.test:8080/v1');
    expect(readApiHost(problems, 'h', 'api.test')).toBe('https://api.test');
    expect(problems.errors).toEqual([]);
  });

  it('readApiHost rejects a query, a hash or a non-URL with one error', () => {
    for (const bad of ['https://a.test/v1?x', 'a.test/v1#h', 'http://exa mple.test']) {
      const problems = createProblems();
      expect(readApiHost(problems, 'segment.apiHost', bad)).toBeUndefined();
      expect(problems.errors.map((e) => e.field)).toEqual(['segment.apiHost']);
    }
  });
});

describe('fieldsOf', () => {
  it('reads each field with its reader and names it with the prefix', () => {
    const problems = createProblems();
    const read = fieldsOf(problems, 'box', { size: 3, name: 7 });
    expect(read('size', readInteger, 1, 0, 10)).toBe(3);
    expect(read('name', readString)).toBeUndefined();
    expect(read('kind', readChoice, ['a', 'b'], 'a')).toBe('a');
    expect(problems.errors.map((e) => e.message)).toEqual(['box.name: expected a non-empty string, got 7']);
    expect(fieldsOf(problems, 'options', { n: -1 }, '')('n', readInteger, 1, 0, 10)).toBe(1);
    expect(problems.errors.at(-1)!.field).toBe('n');
  });

  it('reports, on unknown(), each field no read asked for', () => {
    const problems = createProblems();
    const read = fieldsOf(problems, 'box', { size: 3, szie: 4, other: undefined });
    read('size', readInteger, 1, 0, 10);
    read('missing', readString);
    read.unknown();
    expect(problems.errors.map((e) => e.message)).toEqual(['box.szie: unknown field (did you mean size?)', 'box.other: unknown field']);
  });

  it('reads a value that is not an object as {}, reporting it; is a reader of nested objects itself', () => {
    const problems = createProblems();
    expect(fieldsOf(problems, 'box', 5)('size', readInteger, 1, 0, 10)).toBe(1);
    expect(fieldsOf(problems, 'box', undefined)('size', readInteger, 2, 0, 10)).toBe(2);
    expect(problems.errors.map((e) => e.message)).toEqual(['box: expected an object, got 5']);
    const nested = fieldsOf(problems, 'outer', { inner: { n: 'x' } })('inner', fieldsOf);
    expect(nested('n', readInteger, 3, 0, 10)).toBe(3);
    expect(problems.errors.at(-1)!.field).toBe('outer.inner.n');
  });
});
