import { describe, expect, it } from 'vitest';
import { convert, toBoolean, toNumber } from '../../src/sources/convert';

describe('as: number', () => {
  it.each([
    ['$1,299.00', 1299],
    ['1.299,00 €', 1299],
    ['1,299', 1299],
    ['1.299', 1299],
    ['12,5', 12.5],
    ['12.99', 12.99],
    ['0.125', 0.125],
    ['.5', 0.5],
    ['1,000,000', 1000000],
    ['1.000.000,50', 1000000.5],
    ['1 299,95 kr', 1299.95],
    ['-4.50', -4.5],
    ['EUR 5.-', 5],
    ['42', 42],
  ])('%j is %d', (text, number) => {
    expect(toNumber(text)).toBe(number);
  });

  it('is undefined for text without digits, and numbers pass as they are', () => {
    expect(toNumber('free')).toBeUndefined();
    expect(toNumber('')).toBeUndefined();
    expect(convert(7, 'number')).toBe(7);
    expect(convert(Infinity, 'number')).toBeUndefined();
    expect(convert({}, 'number')).toBeUndefined();
    expect(convert(undefined, 'number')).toBeUndefined();
  });
});

describe('as: boolean', () => {
  it('reads booleans, numbers and yes/no words; anything else is undefined', () => {
    expect(['true', 'Yes', ' on ', '1', 'y'].map(toBoolean)).toEqual([true, true, true, true, true]);
    expect(['false', 'NO', 'off', '0', '', 'n'].map(toBoolean)).toEqual([false, false, false, false, false, false]);
    expect([true, false, 2, 0].map(toBoolean)).toEqual([true, false, true, false]);
    expect(toBoolean('maybe')).toBeUndefined();
    expect(convert('yes', 'boolean')).toBe(true);
  });

  it('leaves a value without as alone', () => {
    expect(convert('$5', undefined)).toBe('$5');
  });
});
