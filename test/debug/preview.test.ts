// @vitest-environment happy-dom
// The debug preview: problems and selectors said at load, each click explained, a change of the page checked again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { RECHECK_DEBOUNCE_MS, startPreview, type NoteKind } from '../../src/debug/preview';
import type { PreviewHost } from '../../src/debug/preview';
import { loadKinds } from '../helpers/kinds';
import type { RuleSet } from '../../src/rules/rule-set';

/** A preview's host whose rule set a test may set later, as the rules piece's answer arrives. */
type TestHost = PreviewHost & { ruleSet?: RuleSet };

const EVENTS = {
  Buy: { on: 'click', selector: 'button.buy' },
  Gone: { on: 'click', selector: 'button.gone' },
};

/** A host with rules read from `events`, the problems reading them found, and one Segment route. */
function hostWith(events: Record<string, unknown>, withRules = true): TestHost {
  const problems = createProblems();
  const definitions = readEvents(problems, events, { segment: 'Segment.io' });
  const host = {
    config: { events, rulesUrl: null, integrations: {} },
    routes: [{ destination: { name: 'Segment.io' } }],
    loadKind: loadKinds,
    ruleSet: withRules ? createRuleSet(definitions) : undefined,
    rules: () => host.ruleSet && { rules: host.ruleSet, problems: problems.errors.map((error) => error.message) },
  } as unknown as TestHost;
  return host;
}

function record() {
  const notes: { title: string; lines: { text: string; kind: NoteKind }[] }[] = [];
  return { notes, output: (title: string, lines: { text: string; kind: NoteKind }[]) => void notes.push({ title, lines }) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('startPreview', () => {
  it('says at load which definitions a config error disabled and which selectors find nothing, on the console too', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    document.body.append(Object.assign(document.createElement('button'), { className: 'buy' }));
    const { notes, output } = record();
    startPreview(hostWith({ ...EVENTS, Typo: { on: 'click', selector: 'a', dontfire: '/x' } }), output);
    expect(notes.map((note) => note.title)).toEqual(['problems found when the rules were read', 'selectors on /']);
    expect(notes[0].lines[0].text).toContain('dontfire: unknown field (did you mean dontFire?)');
    expect(notes[1].lines).toEqual([{ text: '"Gone" (click button.gone): the selector matches no element on this page', kind: 'problem' }]);
    const logged = debug.mock.calls.map((call) => call.slice(1).join(' '));
    expect(logged).toContain('rules: selectors on /\n  ! "Gone" (click button.gone): the selector matches no element on this page');
  });

  it('explains each click: the rule that fired and why the others did not', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    const button = Object.assign(document.createElement('button'), { className: 'buy', textContent: 'Buy' });
    document.body.append(button);
    const { notes, output } = record();
    startPreview(hostWith(EVENTS), output);
    notes.length = 0;
    button.click();
    expect(notes).toEqual([
      {
        title: 'click on <button.buy "Buy"> at /',
        lines: [
          { text: '"Buy" fired: matched <button.buy "Buy">, to Segment.io', kind: 'fired' },
          { text: '"Gone" did not fire: selector button.gone did not match (clicked <button.buy "Buy">)', kind: 'missed' },
        ],
      },
    ]);
  });

  it('checks the selectors again once the page has stopped changing, saying only what is new', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { notes, output } = record();
    startPreview(hostWith({ Later: { on: 'click', selector: 'button.later' } }), output);
    expect(notes).toHaveLength(1);
    // The button arrives: the problem is gone and nothing new is said. Then it leaves again: said again.
    const button = Object.assign(document.createElement('button'), { className: 'later' });
    document.body.append(button);
    await Promise.resolve();
    vi.advanceTimersByTime(RECHECK_DEBOUNCE_MS);
    expect(notes).toHaveLength(1);
    button.remove();
    await Promise.resolve();
    vi.advanceTimersByTime(RECHECK_DEBOUNCE_MS - 1);
    expect(notes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(notes).toHaveLength(2);
    expect(notes[1].lines[0].text).toBe('"Later" (click button.later): the selector matches no element on this page');
  });

  it('waits for the rules piece, starts once per instance, and later outputs get the notes from then on', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const host = hostWith(EVENTS, false);
    const first = record();
    startPreview(host, first.output);
    expect(first.notes).toEqual([]);
    host.ruleSet = createRuleSet(readEvents(createProblems(), EVENTS, { segment: 'Segment.io' }));
    vi.advanceTimersByTime(100);
    expect(first.notes.map((note) => note.title)).toEqual(['selectors on /']);
    const second = record();
    startPreview(host, second.output);
    document.body.click();
    expect(first.notes).toHaveLength(2);
    expect(second.notes).toHaveLength(1);
  });
});
