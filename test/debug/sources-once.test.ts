// @vitest-environment happy-dom
// The preview on the new fields: a rule whose `once` is spent is explained as such, and the at-load checks name the
// page-wide property sources that read nothing here (or text `as` cannot convert) and the session-limited rules spent.
import { beforeEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { toUrlParts } from '../../src/rules/url-pattern';
import { judge } from '../../src/debug/explain';
import { checkSources } from '../../src/debug/checks';
import { createOnceLimit, ONCE_KEY, currentSession } from '../../src/tracker/once';

const definitions = (events: Record<string, unknown>) => {
  const problems = createProblems();
  const read = readEvents(problems, events, {});
  expect(problems.errors).toEqual([]);
  return read;
};
const HREF = 'https://shop.example/products/42';

beforeEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('preview of once', () => {
  it('explains the second hit of a once rule as already fired, and fires a rule without once every time', () => {
    const [page, every] = definitions({ Page: { on: 'click', selector: 'a', once: 'page' }, Every: { on: 'click', selector: 'a' } });
    const around = { parts: toUrlParts(HREF, ''), destinations: ['Segment.io'], once: createOnceLimit(() => false) };
    expect(judge(page, undefined, around).fired).toBe(true);
    expect(judge(page, undefined, around)).toEqual({ name: 'Page', fired: false, reason: 'already fired once this page view' });
    expect([judge(every, undefined, around).fired, judge(every, undefined, around).fired]).toEqual([true, true]);
  });
});

describe('preview of sources at a hit', () => {
  it('names the element and form sources that read nothing, or text as cannot convert', () => {
    document.body.innerHTML = '<div class="product"><span class="price">free</span><button data-sku="A1">Buy</button></div>';
    const [rule] = definitions({
      Buy: {
        on: 'click',
        selector: 'button',
        properties: {
          sku: { attr: 'data-sku' },
          plan: { attr: 'data-plan' },
          price: { closest: '.product', selector: '.price', as: 'number' },
          fixed: { value: 1 },
        },
      },
    });
    const around = { parts: toUrlParts(HREF, ''), destinations: ['Segment.io'] };
    expect(judge(rule, document.querySelector('button') as Element, around).reason).toBe(
      'matched <button "Buy">, to Segment.io; property plan ({"attr":"data-plan"}) read nothing; ' +
        'property price ({"closest":".product","selector":".price","as":"number"}) read nothing',
    );
  });
});

describe('checkSources', () => {
  it('names page-wide sources that find nothing or do not convert, only where the path gate lets the rule fire', () => {
    document.head.innerHTML = '<meta name="price" content="free">';
    const rules = definitions({
      Viewed: {
        on: 'page',
        properties: {
          title: { meta: 'og:title' },
          price: { meta: 'price', as: 'number' },
          id: { regex: '/products/(\\d+)' },
          kind: { urlPart: 'path', index: 1 },
          ref: { query: 'ref' },
        },
      },
      Elsewhere: { on: 'page', fire: '/cart', properties: { title: { meta: 'og:title' } } },
    });
    expect(checkSources(rules, HREF)).toEqual([
      '"Viewed" property title ({"meta":"og:title"}): finds nothing on this page; the property is left out',
      '"Viewed" property price ({"meta":"price","as":"number"}): "free" is not a number; the property is left out',
    ]);
  });

  it('names a session-limited rule already spent this session', () => {
    sessionStorage.setItem(ONCE_KEY, JSON.stringify({ session: currentSession(), names: ['Signed Up'] }));
    expect(checkSources(definitions({ 'Signed Up': { on: 'click', selector: 'a', once: 'session' } }), HREF)).toEqual([
      `"Signed Up" (once: 'session'): already fired once this session; it fires again in the next session (a new tab)`,
    ]);
  });
});
