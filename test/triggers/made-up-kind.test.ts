// @vitest-environment happy-dom
// "Adding a trigger kind is one folder plus one line": a made-up kind (a double click, with an option of its own) is a
// spec added to the list and a piece the loader serves (as a built dist/tally-kind-double-click.js would be), and nowhere
// else; the rules reader validates it, the tracker loads and fires it, the events gate and the preview apply its trigger
// paths, the preview explains it (and the misses it watches for), the at-load checks look for its selector and the
// picker offers it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createEventsGate } from '../../src/rules/gate';
import { createRuleSet } from '../../src/rules/rule-set';
import { toUrlParts } from '../../src/rules/url-pattern';
import { startTracker } from '../../src/tracker/tracker';
import { explainEvent } from '../../src/debug/explain';
import { startPreview, type PreviewHost } from '../../src/debug/preview';
import { checkSelectors } from '../../src/debug/checks';
import { createEditor, suggestName } from '../../src/picker/editor';
import { toDefinition } from '../../src/picker/draft';
import { testEvent } from '../helpers/events';
import { runtime } from './double-click';
import type { LoadKind } from '../../src/triggers/trigger';
import type { Definition } from '../../src/rules/types';

// The one line: the list, with the new kind's spec (test/triggers/double-click.ts, the one folder) at its end. Nothing else in src/ knows of it.
vi.mock('../../src/triggers/list', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/triggers/list')>();
  const { doubleClick } = await import('./double-click');
  const TRIGGERS = [...original.TRIGGERS, doubleClick];
  return { TRIGGERS, triggerOf: (kind: string | undefined) => TRIGGERS.find((trigger) => trigger.kind === kind) };
});

/** The loader as the builds make it: the kind's piece by its folder's name. */
const loadKind: LoadKind = (piece) => (piece === 'double-click' ? { runtime } : Promise.reject(new Error(`no piece ${piece}`)));
const runtimeOf = (definition: Definition) => (definition.runtime === 'double-click' ? runtime : undefined);

const read = (events: Record<string, unknown>) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events, { segment: 'Segment.io' });
  return { definitions, errors: problems.errors.map((error) => error.message) };
};
const RULE = { 'Buy Double Clicked': { on: 'doubleClick', selector: 'button.buy', minClicks: 3, dontFire: '/admin*' } };
const doubleClickOn = (element: Element) => element.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, detail: 2 }));

beforeEach(() => {
  document.body.replaceChildren();
  const button = document.createElement('button');
  button.className = 'buy';
  button.id = 'buy';
  button.textContent = 'Buy';
  document.body.append(button);
  history.replaceState(null, '', '/pricing');
});

describe('a made-up trigger kind, registered in the list alone', () => {
  it('is validated: its own field and the required selector are checked, naming the field', () => {
    const { definitions, errors } = read(RULE);
    expect(errors).toEqual([]);
    expect(definitions[0]).toMatchObject({ on: 'doubleClick', selector: 'button.buy', minClicks: 3 });
    expect(read({ Bad: { on: 'doubleClick', selector: 'button', minClicks: 9 } }).errors).toEqual([
      expect.stringMatching(/^events\["Bad"\]\.minClicks: .*; this definition is disabled$/),
    ]);
    expect(read({ Bad: { on: 'doubleClick' } }).errors).toEqual(['events["Bad"].selector: required; this definition is disabled']);
    expect(read({ Bad: { on: 'doubleClick', selector: 'button', minclicks: 3 } }).errors).toEqual([
      'events["Bad"].minclicks: unknown field (did you mean minClicks?); this definition is disabled',
    ]);
  });

  it('is fired by the tracker, with its standard properties and those of the firing, and stops with it', () => {
    const calls: unknown[][] = [];
    const api = { track: (...args: unknown[]) => calls.push(args), identify: () => {} };
    const stop = startTracker(createRuleSet(read(RULE).definitions), api, { loadKind });
    doubleClickOn(document.querySelector('#buy') as Element);
    expect(calls).toEqual([
      ['Buy Double Clicked', { elementId: 'buy', clicks: 2 }, { context: { tally: { rule: 'Buy Double Clicked' } } }],
    ]);
    stop();
    doubleClickOn(document.querySelector('#buy') as Element);
    expect(calls).toHaveLength(1);
  });

  it('is gated by its trigger paths (fire / dontFire) and explained by the preview', () => {
    const { definitions } = read(RULE);
    let href = 'https://shop.test/admin/users';
    const gate = createEventsGate(createRuleSet(definitions), () => ({ href, referrer: '' }));
    const event = testEvent('track', { event: 'Buy Double Clicked' });
    expect(gate.run(event, { type: 'track', options: {} })).toEqual({ stopped: '"Buy Double Clicked" is not fired on this page' });
    href = 'https://shop.test/pricing';
    expect('event' in gate.run(event, { type: 'track', options: {} })).toBe(true);

    const button = document.querySelector('#buy') as Element;
    const path = [button, document.body, document.documentElement, document, window];
    const around = (at: string) => ({ parts: toUrlParts(`https://shop.test${at}`, ''), destinations: ['Segment.io'] });
    expect(explainEvent('dblclick', definitions, path, around('/pricing'), runtimeOf)).toEqual([
      { name: 'Buy Double Clicked', fired: true, reason: 'matched <button#buy.buy "Buy">, to Segment.io' },
    ]);
    expect(explainEvent('dblclick', definitions, path, around('/admin/users'), runtimeOf)[0].reason).toBe(
      'path gate: dontFire pattern /admin* matches /admin/users',
    );
    expect(explainEvent('dblclick', definitions, [document.body, window], around('/pricing'), runtimeOf)[0].reason).toBe(
      'selector button.buy was not double-clicked (<nothing>)',
    );
    expect(explainEvent('click', definitions, path, around('/pricing'), runtimeOf)).toEqual([]);
    expect(checkSelectors(read({ Gone: { on: 'doubleClick', selector: 'a.gone' } }).definitions, document)).toEqual([
      '"Gone" (doubleClick a.gone): the selector matches no element on this page',
    ]);
  });

  it('tells the preview of the misses it watches for itself, through the path gate and destinations', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    const { definitions } = read(RULE);
    const notes: [string, { text: string }[]][] = [];
    startPreview(
      {
        config: { events: RULE, rulesUrl: null, integrations: {} },
        routes: [{ destination: { name: 'Segment.io' } }],
        loadKind,
        rules: () => ({ rules: createRuleSet(definitions), problems: [] }),
      } as unknown as PreviewHost,
      (title, lines) => notes.push([title, lines]),
    );
    const button = document.querySelector('#buy') as HTMLElement;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
    doubleClickOn(button);
    expect(notes.slice(-2)).toEqual([
      [
        'doubleClick at /pricing',
        [{ text: '"Buy Double Clicked" did not fire: clicked once on button; a double click fires it', kind: 'missed' }],
      ],
      [
        'dblclick on <button#buy.buy "Buy"> at /pricing',
        [{ text: '"Buy Double Clicked" fired: matched <button#buy.buy "Buy">, to Segment.io', kind: 'fired' }],
      ],
    ]);
  });

  it('is offered by the picker, with its label, a suggested name and its selector in the rule', () => {
    const element = document.querySelector('#buy') as Element;
    const choices = { best: { selector: '#buy', basis: 'id' as const, count: 1 }, broader: [] };
    const drafts: string[] = [];
    const editor = createEditor({
      element,
      clickChoices: choices,
      path: '/pricing',
      query: '',
      title: 'Pricing',
      count: () => 1,
      onDraft: (draft) => drafts.push(draft.on),
    });
    const radio = editor.node.querySelector('input[value="doubleClick"]') as HTMLInputElement;
    expect(radio.parentElement?.textContent).toBe(' a double click on this element');
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    expect(editor.draft().on).toBe('doubleClick');
    const section = (title: string) =>
      Array.from(editor.node.querySelectorAll('section')).find((node) => node.querySelector('h3')?.textContent === title);
    expect(section('Event name')?.querySelector('input')).toHaveProperty('value', 'Buy Double Clicked');
    expect(section('Element')?.style.display).toBe('');
    expect(toDefinition(editor.draft())).toEqual({ on: 'doubleClick', selector: '#buy', fire: ['/pricing'] });
    expect(suggestName('doubleClick', element, undefined, 'Pricing')).toBe('Buy Double Clicked');
    expect(drafts.at(-1)).toBe('doubleClick');
  });
});
