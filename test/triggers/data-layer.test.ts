// @vitest-environment happy-dom
// `on: 'dataLayer'`: pushes to window.dataLayer (or a named array) whose `event` matches fire the rule, those made before
// the tracker started first and in order; GTM and other readers of push keep working; `data` sources read the push.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { startTracker } from '../../src/tracker/tracker';
import { loadKinds } from '../helpers/kinds';
import { startPreview, type PreviewHost } from '../../src/debug/preview';

type Win = Record<string, unknown>;
const win = window as unknown as Win;

const read = (events: Record<string, unknown>) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events, {});
  return { definitions, errors: problems.errors.map((error) => error.message) };
};

let stops: (() => void)[] = [];
function start(events: Record<string, unknown>) {
  const calls: [string, unknown][] = [];
  const { definitions, errors } = read(events);
  expect(errors).toEqual([]);
  const rules = createRuleSet(definitions);
  stops.push(
    startTracker(
      rules,
      { track: (name: unknown, properties: unknown) => calls.push([name as string, properties]), identify: () => {} },
      { loadKind: loadKinds },
    ),
  );
  return { calls, rules };
}
const push = (...items: unknown[]) => (win.dataLayer as unknown[]).push(...items);

beforeEach(() => {
  delete win.dataLayer;
  delete win.shopLayer;
  history.replaceState(null, '', '/shop');
});
afterEach(() => {
  stops.forEach((stop) => stop());
  stops = [];
  vi.restoreAllMocks();
});

describe("on: 'dataLayer'", () => {
  it('validates event (required, a pattern with the ReDoS check), dataLayer.name and data paths, naming the field', () => {
    expect(read({ A: { on: 'dataLayer', event: 'add_*' } }).errors).toEqual([]);
    expect(read({ A: { on: 'dataLayer' } }).errors).toEqual(['events["A"].event: required; this definition is disabled']);
    expect(read({ A: { on: 'dataLayer', event: 3 } }).errors[0]).toMatch(/^events\["A"\]\.event: .*a URL pattern/);
    expect(read({ A: { on: 'dataLayer', event: { regex: '(a+)+$' } } }).errors[0]).toMatch(/^events\["A"\]\.event\.regex: .*ReDoS/);
    expect(read({ A: { on: 'dataLayer', event: 'x', dataLayer: { name: 'my layer' } } }).errors).toEqual([
      'events["A"].dataLayer.name: "my layer" is not a window property name such as "dataLayer"; this definition is disabled',
    ]);
    expect(read({ A: { on: 'dataLayer', event: 'x', dataLayer: { nam: 'x' } } }).errors[0]).toMatch(
      /^events\["A"\]\.dataLayer\.nam: unknown field/,
    );
    for (const path of ['__proto__.x', 'a.constructor', 'prototype', 'a..b'])
      expect(read({ A: { on: 'dataLayer', event: 'x', properties: { v: { data: path } } } }).errors[0]).toMatch(
        /^events\["A"\]\.properties\.v\.data: .* is not a dot path of own keys/,
      );
  });

  it('processes pushes made before it started, in order, then each later push; keeps push working for GTM', () => {
    win.dataLayer = [{ event: 'gtm.js' }, { event: 'add_to_cart', ecommerce: { value: 1 } }, { page: 'x' }, { event: 'add_to_wishlist' }];
    const { calls } = start({
      Added: { on: 'dataLayer', event: 'add_*', properties: { value: { data: 'ecommerce.value' }, page: { data: 'page' } } },
    });
    expect(calls).toEqual([
      ['Added', { value: 1, page: undefined }],
      // The earlier pushes are the state `data` reads after the push itself, as GTM's data layer variable.
      ['Added', { value: 1, page: 'x' }],
    ]);
    // GTM's `{ ecommerce: null }` before an event: what earlier pushes had under ecommerce does not leak into it.
    push({ ecommerce: null }, { event: 'add_to_cart', ecommerce: { items: [] } });
    expect(calls.at(-1)).toEqual(['Added', { value: undefined, page: 'x' }]);
    calls.length = 2;
    const layer = win.dataLayer as unknown[];
    const gtm = vi.fn();
    // GTM wraps push after tally: both see the push, and push keeps its `this` and its return value.
    const ours = layer.push;
    layer.push = function (this: unknown[], ...items: unknown[]) {
      gtm(this, items);
      return ours.apply(this, items);
    };
    expect(push({ event: 'add_to_cart', ecommerce: { value: 9 } })).toBe(7);
    expect(gtm).toHaveBeenCalledWith(layer, [{ event: 'add_to_cart', ecommerce: { value: 9 } }]);
    expect(calls.at(-1)).toEqual(['Added', { value: 9, page: 'x' }]);
    push({ event: 'purchase' }, null, 'text', [1]);
    expect(calls).toHaveLength(3);
    expect(layer).toHaveLength(11);
  });

  it('creates the array when absent, reads a named one, and says once when the name is not an array', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    win.shopLayer = [{ event: 'view_item' }];
    win.notArray = { push() {} };
    const { calls } = start({
      Viewed: { on: 'dataLayer', event: 'view_item', dataLayer: { name: 'shopLayer' } },
      Any: { on: 'dataLayer', event: '*' },
      Never: { on: 'dataLayer', event: '*', dataLayer: { name: 'notArray' } },
    });
    expect(calls).toEqual([['Viewed', {}]]);
    push({ event: 'view_item' });
    expect(calls).toEqual([
      ['Viewed', {}],
      ['Any', {}],
    ]);
    expect(error.mock.calls.filter(([, text]) => String(text).includes('window.notArray is not an array'))).toHaveLength(1);
    delete win.notArray;
  });

  it('fires only where its trigger paths allow, and a rule that arrives later sees the earlier pushes once', () => {
    win.dataLayer = [{ event: 'purchase' }];
    const { calls, rules } = start({ Paid: { on: 'dataLayer', event: 'purchase', dontFire: '/shop*' } });
    push({ event: 'purchase' });
    expect(calls).toEqual([]);
    history.replaceState(null, '', '/thanks');
    push({ event: 'purchase' });
    expect(calls).toEqual([['Paid', {}]]);
    rules.replace([...rules.current(), ...read({ Late: { on: 'dataLayer', event: 'purchase' } }).definitions]);
    expect(calls.map(([name]) => name)).toEqual(['Paid', 'Late', 'Late', 'Late']);
    rules.replace([...rules.current()]);
    expect(calls).toHaveLength(4);
  });

  it('tells the preview which rules no push fired yet, then each hit and miss', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    win.dataLayer = [{ event: 'gtm.js' }];
    const events = { Added: { on: 'dataLayer', event: 'add_to_cart' } };
    const { definitions } = read(events);
    const notes: [string, { text: string }[]][] = [];
    startPreview(
      {
        config: { events, rulesUrl: null, integrations: {} },
        routes: [{ destination: { name: 'Segment.io' } }],
        loadKind: loadKinds,
        rules: () => ({ rules: createRuleSet(definitions), problems: [] }),
      } as unknown as PreviewHost,
      (title, lines) => notes.push([title, lines]),
    );
    push({ event: 'view_cart' }, { event: 'add_to_cart' });
    expect(notes.map(([, lines]) => lines[0].text)).toEqual([
      '"Added" did not fire: no push with event add_to_cart on dataLayer yet (1 pushes so far)',
      '"Added" did not fire: push with event "view_cart" does not match add_to_cart',
      '"Added" fired: fired, to Segment.io',
    ]);
  });
});
