// @vitest-environment happy-dom
// `on: 'scroll'`: each depth of `percent` once per page view with properties.percent, depths already in view (or a
// page too short to scroll) reached at once as in GTM, a route change a new view; validated, gated, explained, offered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preview, read, scrollTo, track, pickFor } from './kinds';

const RULE = { 'Article Scrolled': { on: 'scroll', percent: [75, 25, 50, 100] } };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  history.replaceState(null, '', '/article');
  scrollTo(0);
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe("on: 'scroll'", () => {
  it('reads percent, required: a whole percent 1-100 or a list of them, naming the bad item', () => {
    expect(read(RULE).definitions[0].percent).toEqual([25, 50, 75, 100]);
    expect(read({ S: { on: 'scroll', percent: 50 } }).definitions[0].percent).toEqual([50]);
    expect(read({ S: { on: 'scroll' } }).errors).toEqual(['events["S"].percent: required; this definition is disabled']);
    expect(read({ S: { on: 'scroll', percent: [25, 150] } }).errors).toEqual([
      'events["S"].percent[1]: expected a whole percent 1-100, or a list of them, got 150; this definition is disabled',
    ]);
    expect(read({ S: { on: 'scroll', percent: '50%' } }).errors).toEqual([expect.stringMatching(/^events\["S"\]\.percent: expected/)]);
  });

  it('fires each depth once per page view, those in view at start at once', () => {
    const calls = track(RULE);
    expect(calls).toEqual([['Article Scrolled', { percent: 25 }]]);
    scrollTo(1500);
    scrollTo(1000);
    scrollTo(1600);
    expect(calls.map(([, properties]) => properties)).toEqual([{ percent: 25 }, { percent: 50 }]);
    scrollTo(3000);
    expect(calls.map(([, properties]) => properties)).toEqual([{ percent: 25 }, { percent: 50 }, { percent: 75 }, { percent: 100 }]);
  });

  it('counts a page too short to scroll as scrolled to the end, and starts again on a route change', () => {
    scrollTo(0, 800, 1000);
    const calls = track({ ...RULE, 'Not on admin': { on: 'scroll', percent: 50, dontFire: '/admin*' } });
    expect(calls).toHaveLength(5);
    history.pushState(null, '', '/admin');
    expect(calls).toHaveLength(5);
    vi.advanceTimersByTime(0);
    expect(calls.slice(5).map(([name, properties]) => `${name} ${JSON.stringify(properties)}`)).toEqual([
      'Article Scrolled {"percent":25}',
      'Article Scrolled {"percent":50}',
      'Article Scrolled {"percent":75}',
      'Article Scrolled {"percent":100}',
    ]);
  });

  it('is explained by the preview: each depth reached, and those a view ended short of', () => {
    const lines = preview({ 'Read Half': { on: 'scroll', percent: [25, 50, 90] } });
    scrollTo(1200);
    history.pushState(null, '', '/next');
    expect(lines.filter((line) => line.startsWith('scroll'))).toEqual([
      'scroll at /article: "Read Half" fired: fired, to Segment.io; scrolled to 25 %',
      'scroll at /article: "Read Half" fired: fired, to Segment.io; scrolled to 50 %',
      'scroll at /next: "Read Half" did not fire: 90 % not reached (scrolled to 55 %)',
    ]);
  });

  it('is offered by the picker for the page, with the depth to reach', () => {
    const element = document.createElement('p');
    document.body.append(element);
    const { editor, label, definition } = pickFor(element, 'scroll');
    expect(label).toBe(' scrolled to  % of the page');
    expect(definition()).toEqual({ on: 'scroll', percent: 50, fire: ['/article'] });
    expect(editor.draft().name).toBe('Long Read Scrolled');
  });
});
