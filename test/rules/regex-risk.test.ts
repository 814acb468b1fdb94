import { describe, expect, it } from 'vitest';
import { findRegexRisk } from '../../src/rules/regex-risk';

describe('findRegexRisk', () => {
  it.each([
    ['(a+)+$', 'nested'],
    ['(x+x+)+y', 'overlapping'],
    ['(\\w+\\s?)+$', 'nested'],
    ['(.*a){30}', 'nested'],
    ['^(?:/[a-z]+)+$', 'nested'],
    ['(a|a)*$', 'alternatives'],
    ['(a|ab)+', 'alternatives'],
    ['\\d+\\d+$', 'overlapping'],
    ['.*a.*b', 'overlapping'],
    ['a{1,100}a{1,100}$', 'overlapping'],
    ['^/.*/.*/.*/x$', 'overlapping'],
    ['[\\]a]+[a]+$', 'overlapping'],
  ])('refuses %s (%s)', (source, risk) => expect(findRegexRisk(source)).toBe(risk));

  it.each([
    '^/blog/.*$',
    '^/blog/[a-z]+/[0-9]+$',
    '[a-z]+/[a-z]+',
    '[a-z]+@x',
    '^.*a.*b',
    '^[^/]+/[^/]+/[^/]+$',
    '^.*\\bfoo\\b.*$',
    'utm_source=(google|bing)',
    '^(www\\.)?shop\\.test$',
    '(ab)+c',
    '\\.(png|jpe?g)$',
    '(a{3})+',
    '(?<n>a)b',
    '(?<=a)b',
    '^/a|^/b.*',
  ])('accepts %s', (source) => expect(findRegexRisk(source)).toBeUndefined());

  it('reads flags: \\p{L} in u mode, ^ under m is no anchor', () => {
    expect(findRegexRisk('^\\p{L}+$', 'u')).toBeUndefined();
    expect(findRegexRisk('^.*a.*b', 'm')).toBe('overlapping');
  });
});
