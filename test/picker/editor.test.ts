// @vitest-environment happy-dom
// The picker's form offers the trigger kinds that fit the picked element, in the list's order, and each kind's choice
// shows the right selector, properties and suggested name; the draft becomes the rule load() would read.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEditor, type EditorInputs } from '../../src/picker/editor';
import { toDefinition, type Draft } from '../../src/picker/draft';

const choices = (selector: string) => ({ best: { selector, basis: 'id' as const, count: 1 }, broader: [] });

function open(withForm: boolean) {
  document.body.replaceChildren();
  const form = document.createElement('form');
  form.name = 'lead';
  const email = document.createElement('input');
  email.name = 'email';
  email.value = 'a@b.c';
  const button = document.createElement('button');
  button.textContent = 'Sign up';
  form.append(email, button);
  document.body.append(withForm ? form : button);
  const drafts: Draft[] = [];
  const inputs: EditorInputs = {
    element: button,
    clickChoices: choices('button.go'),
    form: withForm ? form : undefined,
    formChoices: withForm ? choices('form[name="lead"]') : undefined,
    path: '/pricing',
    query: '?utm_source=ads',
    title: 'Plans and pricing',
    count: () => 1,
    onDraft: (draft) => drafts.push(draft),
  };
  const editor = createEditor(inputs);
  const section = (title: string) =>
    Array.from(editor.node.querySelectorAll('section')).find((node) => node.querySelector('h3')?.textContent === title) as HTMLElement;
  const choose = (kind: string) => {
    const radio = editor.node.querySelector(`input[value="${kind}"]`) as HTMLInputElement;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
  };
  return { editor, section, choose, drafts };
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('createEditor', () => {
  it('offers click, submit, form start and abandon (only inside a form) and page, click first', () => {
    const labels = (withForm: boolean) =>
      Array.from(open(withForm).editor.node.querySelectorAll('input[type="radio"]')).map((radio) => radio.parentElement?.textContent);
    // The first three; the kinds of issue 22 follow (test/triggers/*.test.ts).
    expect(labels(true).slice(0, 3)).toEqual([' a click on this element', ' a submit of its form', ' a view of this page']);
    expect(labels(true)).toEqual(
      expect.arrayContaining([' a start of its form (first focus or input)', ' an abandon of its form (started, left unsubmitted)']),
    );
    expect(labels(false).slice(0, 2)).toEqual([' a click on this element', ' a view of this page']);
    expect(labels(false)).not.toContain(' a submit of its form');
    expect(labels(false)).not.toContain(' a start of its form (first focus or input)');
  });

  it('starts as a click rule on the element, named from its text', () => {
    const { editor, section } = open(true);
    expect(section('Event name').querySelector('input')?.value).toBe('Sign Up Clicked');
    expect(toDefinition(editor.draft())).toEqual({ on: 'click', selector: 'button.go', fire: ['/pricing'] });
    expect(section('Properties').textContent).toContain('text (its text) = "Sign up"');
  });

  it('a submit rule points at the form and offers its fields', () => {
    const { editor, section, choose, drafts } = open(true);
    choose('submit');
    expect(section('Event name').querySelector('input')?.value).toBe('Lead Submitted');
    expect(section('Properties').textContent).toContain('email (field email) = "a@b.c"');
    (section('Properties').querySelector('input') as HTMLInputElement).click();
    expect(toDefinition(editor.draft())).toEqual({ on: 'submit', selector: 'form[name="lead"]', fields: ['email'], fire: ['/pricing'] });
    expect(drafts.at(-1)?.on).toBe('submit');
  });

  it('a page rule has no element: the section is hidden, the query parameters are its properties', () => {
    const { editor, section, choose } = open(true);
    choose('page');
    expect(section('Element').style.display).toBe('none');
    expect(section('Event name').querySelector('input')?.value).toBe('Plans And Pricing Viewed');
    expect(section('Properties').textContent).toContain('utm_source (query parameter utm_source) = "ads"');
    expect(toDefinition(editor.draft())).toEqual({ on: 'page', fire: ['/pricing'] });
    choose('click');
    expect(section('Element').style.display).toBe('');
  });
});
