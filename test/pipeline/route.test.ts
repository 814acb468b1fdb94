import { describe, expect, it } from 'vitest';
import { isRoutedTo } from '../../src/pipeline/route';

describe('isRoutedTo', () => {
  it.each([
    ['Customer.io', {}, true],
    ['Customer.io', { All: true }, true],
    ['Customer.io', { All: false }, false],
    ['Customer.io', { All: false, 'Customer.io': true }, true],
    ['Customer.io', { All: true, 'Customer.io': false }, false],
    ['Customer.io', { 'Customer.io': false }, false],
    ['Customer.io', { All: false, 'Customer.io': { apiKey: 'k' } }, true],
    ['Customer.io', { 'Customer.io': {} }, true],
    ['Customer.io', { All: 'false' }, true],
    ['Customer.io', { Mixpanel: false }, true],
    // analytics.js always sends to Segment.io: Segment applies `All` on its servers.
    ['Segment.io', { All: false }, true],
    ['Segment.io', {}, true],
    ['Segment.io', { 'Segment.io': false }, false],
    ['Segment.io', { All: false, 'Segment.io': false }, false],
    ['Segment.io', { 'Segment.io': { apiHost: 'x' } }, true],
  ] as Array<[string, Record<string, unknown>, boolean]>)('%s with %j → %s', (destination, integrations, expected) => {
    expect(isRoutedTo(destination, integrations)).toBe(expected);
  });

  it('matches destination names exactly (case-sensitive, as analytics.js)', () => {
    expect(isRoutedTo('Customer.io', { 'customer.io': false })).toBe(true);
  });
});
