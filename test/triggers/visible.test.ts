// @vitest-environment happy-dom
// `on: 'visible'`: an element in view (threshold, minMs) once per element per page view, elements added later, hidden
// tabs not counting, data-tally-ignore silencing it; validated, gated, explained by the preview, offered by the picker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeIntersections, pickFor, preview, read, setHidden, track } from './kinds';

const RULE = { 'Pricing Seen': { on: 'visible', selector: '.plan', minMs: 1000 } };
let view: ReturnType<typeof fakeIntersections>;

/** A `.plan` element with an id and text, added to the page. */
function plan(id: string, parent: Element = document.body): Element {
  const element = document.createElement('div');
  element.className = 'plan';
  element.id = id;
  element.textContent = `Plan ${id}`;
  parent.append(element);
  return element;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  document.body.replaceChildren();
  setHidden(false);
  history.replaceState(null, '', '/pricing');
  view = fakeIntersections();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("on: 'visible'", () => {
  it('reads selector (required), threshold 0-1 and minMs, naming the bad field', () => {
    expect(read(RULE).errors).toEqual([]);
    expect(read({ V: { on: 'visible' } }).errors).toEqual(['events["V"].selector: required; this definition is disabled']);
    expect(read({ V: { on: 'visible', selector: 'p', threshold: 50 } }).errors).toEqual([
      'events["V"].threshold: expected a share from 0 to 1 (0.5: half of the element), got 50; this definition is disabled',
    ]);
    expect(read({ V: { on: 'visible', selector: 'p', minMs: -1 } }).errors).toEqual([expect.stringMatching(/^events\["V"\]\.minMs: /)]);
  });

  it('fires once per element per view after minMs unbroken in view, with the standard properties and visibleMs', () => {
    const a = plan('a');
    const calls = track(RULE);
    view.show(a, 0.3);
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual([]);
    view.show(a, 0.6);
    vi.advanceTimersByTime(400);
    view.show(a, 0);
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual([]);
    view.show(a, 1);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([['Pricing Seen', { elementText: 'Plan a', elementId: 'a', elementClasses: 'plan', visibleMs: 1000 }]]);
    view.show(a, 0);
    view.show(a, 1);
    vi.advanceTimersByTime(5000);
    expect(calls).toHaveLength(1);
    history.pushState(null, '', '/pricing/annual');
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(2);
  });

  it('waits out minMs by the clock it reports: a timer that fires early (Firefox) is set again for the rest', () => {
    const a = plan('a');
    const calls = track(RULE);
    view.show(a, 1);
    vi.advanceTimersByTime(999);
    vi.setSystemTime(Date.now() - 1);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([['Pricing Seen', expect.objectContaining({ visibleMs: 1000 })]]);
  });

  it('finds elements added later, does not count a hidden tab, and is silent inside data-tally-ignore', async () => {
    const calls = track({ Seen: { on: 'visible', selector: '.plan' } });
    const late = plan('late');
    const quiet = document.createElement('section');
    quiet.setAttribute('data-tally-ignore', '');
    document.body.append(quiet);
    const ignored = plan('ignored', quiet);
    await vi.waitFor(() => expect(view.observed(late) && view.observed(ignored)).toBe(true));
    setHidden(true);
    view.show(late, 1);
    view.show(ignored, 1);
    expect(calls).toEqual([]);
    setHidden(false);
    expect(calls.map(([, properties]) => (properties as { elementId: string }).elementId)).toEqual(['late']);
    late.remove();
    view.show(late, 0);
    expect(view.observed(late)).toBe(false);
  });

  it('is gated by its trigger paths and explained by the preview: hits, thresholds not reached, too short a view', () => {
    const a = plan('a');
    const calls = track({ ...RULE, 'Not here': { on: 'visible', selector: '.plan', dontFire: '/pricing*' } });
    const lines = preview(RULE);
    view.show(a, 0.2);
    view.show(a, 0.8);
    vi.advanceTimersByTime(400);
    view.show(a, 0);
    view.show(a, 0.8);
    vi.advanceTimersByTime(1000);
    expect(calls.map(([name]) => name)).toEqual(['Pricing Seen']);
    expect(lines.filter((line) => line.startsWith('visible'))).toEqual([
      'visible at /pricing: "Pricing Seen" did not fire: threshold not reached: 20 % in view, 50 % needed',
      'visible at /pricing: "Pricing Seen" did not fire: seen for 400 of 1000 ms (left the view)',
      'visible at /pricing: "Pricing Seen" fired: matched <div#a.plan "Plan a">, to Segment.io; in view for 1000 ms',
    ]);
  });

  it('is offered by the picker for an element', () => {
    const { editor, label, definition } = pickFor(plan('a'), 'visible');
    expect(label).toBe(' when it becomes visible');
    expect(definition()).toEqual({ on: 'visible', selector: '#a', fire: ['/article'] });
    expect(editor.draft().name).toBe('Plan A Seen');
  });
});
