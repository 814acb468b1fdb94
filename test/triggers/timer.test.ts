// @vitest-environment happy-dom
// `on: 'timer'`: the page visible for afterMs in total, once per page view, hidden-tab time not counted; validated,
// gated by its paths, explained by the preview and offered by the picker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preview, read, setHidden, track, pickFor } from './kinds';

const RULE = { 'Read 1s': { on: 'timer', afterMs: 1000 } };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  setHidden(false);
  history.replaceState(null, '', '/article');
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe("on: 'timer'", () => {
  it('reads afterMs, required, a whole number of ms', () => {
    expect(read(RULE).errors).toEqual([]);
    expect(read({ T: { on: 'timer' } }).errors).toEqual(['events["T"].afterMs: required; this definition is disabled']);
    expect(read({ T: { on: 'timer', afterMs: '30s' } }).errors).toEqual([
      expect.stringMatching(/^events\["T"\]\.afterMs: .*integer.*disabled$/),
    ]);
  });

  it('fires once when the page has been visible afterMs in total, a hidden tab not counting, with visibleMs', () => {
    const calls = track(RULE);
    vi.advanceTimersByTime(600);
    setHidden(true);
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([]);
    setHidden(false);
    vi.advanceTimersByTime(399);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([['Read 1s', { visibleMs: 1000 }]]);
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(1);
  });

  it('starts again on a route change (a new page view), and is gated by its trigger paths', () => {
    const calls = track({ ...RULE, 'Not on admin': { on: 'timer', afterMs: 1000, dontFire: '/admin*' } });
    vi.advanceTimersByTime(1000);
    history.pushState(null, '', '/admin/users');
    vi.advanceTimersByTime(1000);
    expect(calls.map(([name]) => name)).toEqual(['Read 1s', 'Not on admin', 'Read 1s']);
  });

  it('is explained by the preview: the time reached, or a view that ended short of it', () => {
    const lines = preview({ ...RULE, 'Not on admin': { on: 'timer', afterMs: 1000, dontFire: '/admin*' } });
    vi.advanceTimersByTime(400);
    history.pushState(null, '', '/admin');
    vi.advanceTimersByTime(1000);
    expect(lines.filter((line) => line.startsWith('timer'))).toEqual([
      'timer at /admin: "Read 1s" did not fire: the page view ended after 400 of 1000 ms visible',
      'timer at /admin: "Not on admin" did not fire: the page view ended after 400 of 1000 ms visible',
      'timer at /admin: "Read 1s" fired: fired, to Segment.io; visible for 1000 ms',
      'timer at /admin: "Not on admin" did not fire: path gate: dontFire pattern /admin* matches /admin',
    ]);
  });

  it('is offered by the picker for the page, in seconds', () => {
    const element = document.createElement('p');
    document.body.append(element);
    const { editor, label, definition } = pickFor(element, 'timer');
    expect(label).toBe(' after  s on the page');
    const seconds = editor.node.querySelector('input[name="afterMs"]') as HTMLInputElement;
    seconds.value = '45';
    seconds.dispatchEvent(new Event('input'));
    expect(definition()).toEqual({ on: 'timer', afterMs: 45_000, fire: ['/article'] });
    expect(editor.draft().name).toBe('Long Read Engaged');
  });
});
