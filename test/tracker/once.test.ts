// @vitest-environment happy-dom
// `once: 'page' | 'session'`: a rule fires at most once per page view (a route change starts a new one) or per session
// (the tab's sessionStorage, written only when consent lets tally store).
import { beforeEach, describe, expect, it } from 'vitest';
import { startTracker } from '../../src/tracker/tracker';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { createProblems } from '../../src/config/readers';
import { createOnceLimit, ONCE_KEY, readSessionNames } from '../../src/tracker/once';

function start(events: Record<string, unknown>, storing = true) {
  const names: unknown[] = [];
  const problems = createProblems();
  const definitions = readEvents(problems, events, {});
  expect(problems.errors).toEqual([]);
  const stop = startTracker(
    createRuleSet(definitions),
    { track: (name: unknown) => names.push(name), identify: () => {} },
    { storing: () => storing },
  );
  return { names, stop };
}

beforeEach(() => {
  document.body.innerHTML = '<button class="a">A</button><button class="b">B</button><button class="c">C</button>';
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

const click = (selector: string) => (document.querySelector(selector) as HTMLElement).click();

describe('once', () => {
  it('fires a click rule every time without once, once per page view with once: page', () => {
    const { names, stop } = start({ Every: { on: 'click', selector: '.a' }, Page: { on: 'click', selector: '.a', once: 'page' } });
    click('.a');
    click('.a');
    expect(names).toEqual(['Every', 'Page', 'Every']);
    history.pushState(null, '', '/next');
    click('.a');
    expect(names).toEqual(['Every', 'Page', 'Every', 'Every', 'Page']);
    stop();
  });

  it('fires once per session across tracker starts (page loads), kept in sessionStorage', () => {
    const first = start({ Session: { on: 'click', selector: '.b', once: 'session' } });
    click('.b');
    first.stop();
    expect(readSessionNames()).toEqual(['Session']);
    const second = start({ Session: { on: 'click', selector: '.b', once: 'session' } });
    click('.b');
    history.pushState(null, '', '/next');
    click('.b');
    expect([...first.names, ...second.names]).toEqual(['Session']);
    second.stop();
  });

  it('stores nothing before consent allows it, and keeps the limit in memory then', () => {
    const { names, stop } = start({ Session: { on: 'click', selector: '.c', once: 'session' } }, false);
    click('.c');
    click('.c');
    expect(names).toEqual(['Session']);
    expect(sessionStorage.getItem(ONCE_KEY)).toBeNull();
    stop();
  });

  it('writes what memory held at the first look after a grant, and ignores a list of another session', () => {
    let storing = false;
    const once = createOnceLimit(() => storing);
    const rule = (name: string) => ({ name, once: 'session' }) as Parameters<typeof once.fired>[0];
    once.fired(rule('Before'));
    expect(readSessionNames()).toEqual([]);
    storing = true;
    expect(once.spent(rule('After'))).toBeUndefined();
    expect(readSessionNames()).toEqual(['Before']);
    once.fired(rule('After'));
    expect(readSessionNames()).toEqual(['Before', 'After']);
    expect(once.spent(rule('Before'))).toBe('already fired once this session');
    sessionStorage.setItem(ONCE_KEY, JSON.stringify({ session: 'another', names: ['Before'] }));
    expect(readSessionNames()).toEqual([]);
  });

  it("counts in the core's session: a new session id (timeout, reset) lets a session rule fire again", () => {
    let id = 1000;
    const once = createOnceLimit(
      () => true,
      () => String(id),
    );
    const rule = { name: 'Welcome', once: 'session' } as Parameters<typeof once.fired>[0];
    once.fired(rule);
    expect(once.spent(rule)).toBe('already fired once this session');
    expect(readSessionNames('1000')).toEqual(['Welcome']);
    id = 2000;
    expect(once.spent(rule)).toBeUndefined();
    once.fired(rule);
    expect(readSessionNames('2000')).toEqual(['Welcome']);
    expect(readSessionNames('1000')).toEqual([]);
  });

  it('is validated at load', () => {
    const problems = createProblems();
    readEvents(problems, { X: { on: 'click', selector: 'a', once: 'visit' } }, {});
    expect(problems.errors[0].message).toMatch(/^events\["X"\]\.once: expected one of "page", "session"/);
  });
});
