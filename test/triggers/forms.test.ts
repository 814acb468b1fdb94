// @vitest-environment happy-dom
// formStart and formAbandon: validated (never reading values), fired once per form and page view with the form's id and
// name, the last touched control's name (never its value), the controls touched and the time since the start; abandon
// only for a started, unsubmitted form at pagehide or before a route change; silent inside data-tally-ignore.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { startTracker } from '../../src/tracker/tracker';
import { loadKinds } from '../helpers/kinds';
import { startPreview, type PreviewHost } from '../../src/debug/preview';
import { createEditor } from '../../src/picker/editor';

const read = (events: Record<string, unknown>) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events);
  return { definitions, errors: problems.errors.map((error) => error.message) };
};
const RULES = {
  'Lead Started': { on: 'formStart', selector: 'form#lead' },
  'Lead Abandoned': { on: 'formAbandon', selector: 'form#lead' },
};
let calls: [string, Record<string, unknown>][] = [];
let stop: () => void = () => {};
const start = (events: Record<string, unknown> = RULES) => {
  stop = startTracker(
    createRuleSet(read(events).definitions),
    {
      track: (name, properties) => calls.push([name as string, properties as Record<string, unknown>]),
      identify: () => {},
    },
    { loadKind: loadKinds },
  );
};
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;
const focus = (selector: string) => $(selector).dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
const type = (selector: string) => $(selector).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
const names = () => calls.map(([name]) => name);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
  calls = [];
  history.replaceState(null, '', '/signup');
  document.body.innerHTML = `<form id="lead" name="leadForm"><input name="email" value="me@example.com"><input type="password" name="pw" value="s3cret">
    <select name="plan"><option>a</option></select><div data-tally-ignore><input name="secret"></div></form>
    <form id="other"><input name="q"></form>`;
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('formStart and formAbandon', () => {
  it('are validated: the selector is required, and a rule that would read values is disabled, naming the field', () => {
    expect(read(RULES).errors).toEqual([]);
    expect(read({ Bad: { on: 'formStart' } }).errors).toEqual(['events["Bad"].selector: required; this definition is disabled']);
    expect(read({ Bad: { on: 'formAbandon', selector: 'form', fields: ['email'] } }).errors).toEqual([
      expect.stringMatching(/^events\["Bad"\]\.fields: formAbandon rules never read form values .*; this definition is disabled$/),
    ]);
    expect(read({ Bad: { on: 'formStart', selector: 'form', properties: { e: { field: 'email' } } } }).errors).toEqual([
      expect.stringMatching(/^events\["Bad"\]\.properties\.e\.field: formStart rules never read/),
    ]);
    expect(read({ Bad: { on: 'formStart', selector: 'form', identify: { email: 'email' } } }).errors[0]).toMatch(
      /^events\["Bad"\]\.identify:/,
    );
    expect(read({ Ok: { on: 'formStart', selector: 'form', properties: { plan: { attr: 'data-plan' } } } }).errors).toEqual([]);
  });

  it('start fires once per form on the first focus or input, with the control that started it', () => {
    start();
    focus('[name=email]');
    type('[name=email]');
    focus('[name=plan]');
    focus('[name=q]');
    expect(calls).toEqual([
      ['Lead Started', { formId: 'lead', formName: 'leadForm', lastField: 'email', fieldsTouched: 1, msSinceStart: 0 }],
    ]);
  });

  it('abandon fires at pagehide for a started, unsubmitted form, with the last field (never a value) and the time', () => {
    start();
    focus('[name=email]');
    vi.advanceTimersByTime(4000);
    type('[name=pw]');
    focus('[name=plan]');
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(calls.slice(1)).toEqual([
      ['Lead Abandoned', { formId: 'lead', formName: 'leadForm', lastField: 'plan', fieldsTouched: 3, msSinceStart: 4000 }],
    ]);
    expect(JSON.stringify(calls)).not.toMatch(/s3cret|example/);
  });

  it('abandon does not fire for a submitted form, nor for one never started', () => {
    start({ ...RULES, 'Other Abandoned': { on: 'formAbandon', selector: '#other' } });
    focus('[name=email]');
    $('#lead').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(names()).toEqual(['Lead Started']);
  });

  it('abandon fires before a route change (on the old URL), and a new page view starts the form again', () => {
    start();
    const urls: string[] = [];
    stop();
    stop = startTracker(
      createRuleSet(read(RULES).definitions),
      {
        track: (name) => urls.push(`${name as string} ${location.pathname}`),
        identify: () => {},
      },
      { loadKind: loadKinds },
    );
    focus('[name=email]');
    history.pushState(null, '', '/thanks');
    history.pushState(null, '', '/thanks');
    focus('[name=email]');
    expect(urls).toEqual(['Lead Started /signup', 'Lead Abandoned /signup', 'Lead Started /thanks']);
  });

  it('a touch inside data-tally-ignore neither starts a form nor counts', () => {
    start();
    focus('[name=secret]');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(calls).toEqual([]);
  });

  it('the preview says a start, a start already fired, a selector miss, a watched abandon and why a submit stops it', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    const { definitions } = read(RULES);
    const notes: string[] = [];
    startPreview(
      {
        config: { events: RULES, rulesUrl: null, integrations: {} },
        routes: [{ destination: { name: 'Segment.io' } }],
        loadKind: loadKinds,
        rules: () => ({ rules: createRuleSet(definitions), problems: [] }),
      } as unknown as PreviewHost,
      (_title, lines) => notes.push(...lines.map((line) => line.text)),
    );
    focus('[name=email]');
    focus('[name=plan]');
    focus('[name=q]');
    $('#lead').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(notes).toEqual([
      '"Lead Started" fired: matched <form#lead "a">, to Segment.io',
      '"Lead Abandoned" did not fire: form#lead started; fires if the page view ends before a submit',
      '"Lead Started" did not fire: already fired for form#lead in this page view',
      '"Lead Started" did not fire: selector form#lead did not match (started form#other)',
      '"Lead Abandoned" did not fire: <form#lead "a"> was submitted: not abandoned in this page view',
    ]);
  });

  it('the picker offers a start and an abandon of the form of an element inside one', () => {
    const form = $('#lead') as HTMLFormElement;
    const choices = { best: { selector: '#lead', basis: 'id' as const, count: 1 }, broader: [] };
    const editor = createEditor({
      element: $('[name=email]'),
      clickChoices: choices,
      form,
      formChoices: choices,
      path: '/signup',
      query: '',
      title: 'Sign up',
      count: () => 1,
      onDraft: () => {},
    });
    const radio = editor.node.querySelector('input[value="formAbandon"]') as HTMLInputElement;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    expect(editor.draft()).toMatchObject({ on: 'formAbandon', selector: '#lead', name: 'LeadForm Abandoned' });
    expect(editor.node.querySelector('input[value="formStart"]')).not.toBeNull();
  });
});
