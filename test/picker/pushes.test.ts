// @vitest-environment happy-dom
// The picker's list of data layer pushes: each event name once with its keys, and the dataLayer rule it turns into.
import { afterEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { dataLayerRule, eventNameOf, summarizePushes } from '../../src/picker/pushes';
import { createDataLayerSection } from '../../src/picker/data-layer-section';

const PUSHES = [
  { 'gtm.start': 1, event: 'gtm.js' },
  { ecommerce: null },
  { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 5, items: [{ item_id: 'a' }] } },
  { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 7, coupon: 'X' } },
  { event: 'signup', plan: 'pro', user: { value: 1 } },
  { notAnEvent: true },
];

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).dataLayer;
});

describe('summarizePushes', () => {
  it("lists each event once, in order, with its keys' dot paths, without GTM's own events and keys", () => {
    expect(summarizePushes(PUSHES)).toEqual([
      { event: 'add_to_cart', count: 2, keys: ['ecommerce.currency', 'ecommerce.value', 'ecommerce.items', 'ecommerce.coupon'] },
      { event: 'signup', count: 1, keys: ['plan', 'user.value'] },
    ]);
  });
});

describe('dataLayerRule', () => {
  it('turns a pushed event into a dataLayer rule that load() accepts, its keys into data properties', () => {
    const rule = dataLayerRule('add_to_cart', ['ecommerce.value', 'ecommerce.currency']);
    expect(rule).toEqual({
      'Add To Cart': {
        on: 'dataLayer',
        event: 'add_to_cart',
        properties: { value: { data: 'ecommerce.value' }, currency: { data: 'ecommerce.currency' } },
      },
    });
    const problems = createProblems();
    expect(readEvents(problems, rule)).toHaveLength(1);
    expect(problems.errors).toEqual([]);
    expect(dataLayerRule('x', ['a.value', 'b.value'])['X'].properties).toEqual({
      aValue: { data: 'a.value' },
      bValue: { data: 'b.value' },
    });
    expect(eventNameOf('view_item_list')).toBe('View Item List');
  });
});

describe('the data layer section', () => {
  it("lists the page's pushes and shows a rule's JSON on Make a rule", () => {
    (window as unknown as Record<string, unknown>).dataLayer = PUSHES.slice();
    const section = createDataLayerSection();
    const lines = Array.from(section.node.querySelectorAll('.push'));
    expect(lines.map((line) => line.querySelector('strong')?.textContent)).toEqual(['add_to_cart', 'signup']);
    (lines[1].querySelector('button') as HTMLButtonElement).click();
    expect(JSON.parse(section.node.querySelector('pre')?.textContent ?? '')).toEqual({
      Signup: { on: 'dataLayer', event: 'signup', properties: { plan: { data: 'plan' }, value: { data: 'user.value' } } },
    });
  });
});
