// @vitest-environment happy-dom
// The DOM tracker calls the public API only: a click rule on a matching element (or inside it), a submit rule with the
// form's fields, page rules at start and on URL changes; data-tally-ignore keeps an element out.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startTracker } from '../../src/tracker/tracker';
import { recordEarlyEvents } from '../../src/tracker/early-events';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { createProblems } from '../../src/config/readers';

function start(events: Record<string, unknown>) {
  const calls: unknown[][] = [];
  const problems = createProblems();
  const definitions = readEvents(problems, events, {});
  expect(problems.errors).toEqual([]);
  startTracker(createRuleSet(definitions), {
    track: (...args: unknown[]) => calls.push(['track', ...args]),
    identify: (...args: unknown[]) => calls.push(['identify', ...args]),
  });
  return calls;
}

beforeEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, '', '/');
});

describe('startTracker', () => {
  it('fires a click rule for a click inside the matching element, with the rule named in context', () => {
    const button = document.createElement('button');
    button.className = 'cta';
    const icon = document.createElement('span');
    button.append(icon, 'Buy');
    document.body.append(button);
    const calls = start({ 'CTA Clicked': { on: 'click', selector: 'button.cta' } });
    icon.click();
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe('track');
    expect(calls[0][1]).toBe('CTA Clicked');
    expect(calls[0][3]).toEqual({ context: { tally: { rule: 'CTA Clicked' } } });
    document.body.click();
    expect(calls).toHaveLength(1);
  });

  it('ignores clicks inside data-tally-ignore', () => {
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-tally-ignore', '');
    const button = document.createElement('button');
    wrapper.append(button);
    document.body.append(wrapper);
    const calls = start({ Clicked: { on: 'click', selector: 'button' } });
    button.click();
    expect(calls).toEqual([]);
  });

  it('fires a submit rule once per submit of a matching form', () => {
    const form = document.createElement('form');
    form.id = 'signup';
    document.body.append(form);
    const calls = start({ 'Signed Up': { on: 'submit', selector: 'form#signup' } });
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(calls.map((call) => call[1])).toEqual(['Signed Up']);
  });

  it('skipCancelled: a submit the page cancels sends nothing; one it lets through is sent after the page had its turn', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    let cancel = true;
    form.addEventListener('submit', (event) => {
      if (cancel) event.preventDefault();
    });
    const calls = start({ 'Signed Up': { on: 'submit', selector: 'form', skipCancelled: true } });
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).toEqual([]);
    cancel = false;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls.map((call) => call[1])).toEqual(['Signed Up']);
  });

  it('applies the clicks recorded before it started, in order, then listens live', () => {
    const button = document.createElement('button');
    button.className = 'cta';
    document.body.append(button);
    const recorder = recordEarlyEvents();
    button.click();
    const problems = createProblems();
    const calls: unknown[][] = [];
    startTracker(
      createRuleSet(readEvents(problems, { 'CTA Clicked': { on: 'click', selector: 'button.cta' } }, {})),
      {
        track: (...args: unknown[]) => calls.push(args),
        identify: () => {},
      },
      { early: recorder.stop() },
    );
    expect(calls.map((call) => call[0])).toEqual(['CTA Clicked']);
    button.click();
    expect(calls).toHaveLength(2);
  });

  it('follows the rule set: a page rule new to this view fires once, one already fired does not fire again', () => {
    history.replaceState(null, '', '/pricing');
    const problems = createProblems();
    const read = (events: object) => readEvents(problems, events, {});
    const rules = createRuleSet(read({ Stale: { on: 'page' }, Elsewhere: { on: 'page', fire: '/blog' } }));
    const calls: unknown[][] = [];
    startTracker(rules, { track: (...args: unknown[]) => calls.push(args), identify: () => {} });
    expect(calls.map((call) => call[0])).toEqual(['Stale']);
    // The fresh document: Stale changed, Elsewhere now fires here, Fresh is new, and a click rule appears.
    rules.replace(
      read({
        Stale: { on: 'page', properties: { v: { value: 2 } } },
        Elsewhere: { on: 'page', fire: '/pricing' },
        Fresh: { on: 'page' },
        Later: { on: 'click', selector: 'button.later' },
      }),
    );
    expect(calls.map((call) => call[0])).toEqual(['Stale', 'Elsewhere', 'Fresh']);
    const button = document.createElement('button');
    button.className = 'later';
    document.body.append(button);
    button.click();
    expect(calls.map((call) => call[0])).toEqual(['Stale', 'Elsewhere', 'Fresh', 'Later']);
    history.pushState(null, '', '/pricing?next');
    expect(calls.map((call) => call[0]).slice(4)).toEqual(['Stale', 'Elsewhere', 'Fresh']);
    expect(problems.errors).toEqual([]);
  });

  it('fires page rules at start and on each real URL change', () => {
    const calls = start({ 'Page Seen': { on: 'page' } });
    expect(calls).toHaveLength(1);
    history.pushState(null, '', '/next');
    expect(calls).toHaveLength(2);
  });

  it('names the rule when reading or sending its event fails', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const button = document.createElement('button');
    button.className = 'buy';
    document.body.append(button);
    const problems = createProblems();
    startTracker(createRuleSet(readEvents(problems, { 'Buy Clicked': { on: 'click', selector: 'button.buy' } }, {})), {
      track: () => {
        throw new Error('boom');
      },
      identify: () => undefined,
    });
    button.click();
    expect(error).toHaveBeenCalledWith('[tally]', 'events["Buy Clicked"]: not sent (boom)');
  });
});
