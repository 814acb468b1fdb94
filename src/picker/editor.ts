// Touches the DOM: the picker's form for one picked element. The person picks the trigger, the selector, the event's name,
// its properties and paths; the form shows the rule's JSON (checked as load() would check it) and hands each draft on.
import { h } from './ui';
import { checkDraft, toJson, type Draft } from './draft';
import { elementOptions, formOptions, type PropertyOption } from './options';
import type { SelectorChoice, SelectorChoices } from './selector';
import type { Definition } from '../rules/definitions';

/** What the form is built from. */
export interface EditorInputs {
  element: Element;
  clickChoices: SelectorChoices;
  form?: HTMLFormElement;
  formChoices?: SelectorChoices;
  /** The page's path and query parameters, for `fire` and page-rule properties. */
  path: string;
  query: string;
  title: string;
  /** How many elements on the page a selector (and text) matches. */
  count(selector: string, text?: string): number;
  /** Called with each new draft and its compiled definition (undefined while it has errors). */
  onDraft(draft: Draft, definition: Definition | undefined): void;
}

/** The form, and the places the picker writes to: the live test's lines and the save area. */
export interface Editor {
  node: HTMLElement;
  draft(): Draft;
  /** Adds a live-test line (newest first, the last five kept). */
  report(text: string, kind: 'good' | 'bad' | 'meta'): void;
  /** The area under the JSON where the save button goes. */
  saveArea: HTMLElement;
}

type Trigger = Draft['on'];
const MAX_REPORTS = 5;

/** A name to start from: `Sign Up Clicked`, `Lead Submitted`, `Pricing Viewed`. */
export function suggestName(on: Trigger, element: Element, form: HTMLFormElement | undefined, title: string): string {
  const words = (text: string | null | undefined) =>
    (text ?? '')
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .trim()
      .split(/\s+/)
      .slice(0, 3)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ');
  if (on === 'submit') return `${words(form?.getAttribute('name') ?? form?.id) || 'Form'} Submitted`;
  if (on === 'page') return `${words(title) || 'Page'} Viewed`;
  return `${words(element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? element.textContent) || 'Element'} Clicked`;
}

/** A <select> of selector choices, the best first, each with its count. */
function choiceList(choices: SelectorChoices): HTMLSelectElement {
  const label = (choice: SelectorChoice, what: string) =>
    `${what}: ${choice.selector}${choice.text ? ` + text "${choice.text}"` : ''} (${choice.count} on this page)`;
  return h(
    'select',
    {},
    h('option', { value: '0', textContent: label(choices.best, 'this element') }),
    ...choices.broader.map((choice, i) => h('option', { value: String(i + 1), textContent: label(choice, 'all like it') })),
  );
}

/** A checkbox line for one property option; unreadable ones are shown, disabled, with the reason. */
function optionLine(option: PropertyOption, onChange: () => void): [HTMLLabelElement, HTMLInputElement] {
  const box = h('input', { type: 'checkbox', disabled: !!option.unreadable });
  box.addEventListener('change', onChange);
  const detail = option.unreadable
    ? h('span', { className: 'bad', textContent: ` not readable: ${option.unreadable}` })
    : h('span', {
        className: option.hidden ? 'note' : 'meta',
        textContent: option.hidden ? ' hidden: read only because you tick it' : ` = ${JSON.stringify(option.preview ?? '')}`,
      });
  return [h('label', {}, box, ` ${option.key} `, h('span', { className: 'meta', textContent: `(${option.label})` }), detail), box];
}

/** Builds the form for a picked element. */
export function createEditor(inputs: EditorInputs): Editor {
  const { element, form } = inputs;
  let on: Trigger = 'click';
  const triggers = h('div', {});
  const radio = (value: Trigger, text: string) => {
    const input = h('input', { type: 'radio', name: 'trigger', value, checked: value === on });
    input.addEventListener('change', () => switchTo(value));
    triggers.append(h('label', {}, input, ` ${text}`));
  };
  radio('click', 'a click on this element');
  if (form) radio('submit', 'a submit of its form');
  radio('page', 'a view of this page');

  const name = h('input', { type: 'text', value: suggestName(on, element, form, inputs.title) });
  let named = false;
  name.addEventListener('input', () => {
    named = true;
    update();
  });
  const selector = h('input', { type: 'text' });
  const count = h('div', { className: 'meta' });
  const textBox = h('input', { type: 'checkbox' });
  const textShown = h('code', {});
  const textLine = h('label', {}, textBox, ' only when its text is ', textShown);
  let choiceText = '';
  let choices = inputs.clickChoices;
  let select = choiceList(choices);
  const selectorSection = h('section', {}, h('h3', { textContent: 'Element' }), select, selector, count, textLine);
  const properties = h('div', {});
  let ticks: [PropertyOption, HTMLInputElement][] = [];
  const fire = h('textarea', { value: inputs.path });
  const dontFire = h('textarea', { value: '' });
  const json = h('pre', {});
  const errors = h('div', { className: 'bad' });
  const copy = h('button', { type: 'button', className: 'quiet', textContent: 'Copy JSON' });
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(json.textContent ?? '').then(() => {
      copy.textContent = 'Copied';
    });
  });
  const reports = h('div', {});
  const saveArea = h('div', { className: 'row' });

  const useChoice = (choice: SelectorChoice) => {
    selector.value = choice.selector;
    choiceText = choice.text ?? '';
    textBox.checked = !!choice.text;
    textShown.textContent = JSON.stringify(choiceText);
    textLine.style.display = choice.text ? '' : 'none';
  };
  const replaceSelect = () => {
    const next = choiceList(choices);
    select.replaceWith(next);
    select = next;
    select.addEventListener('change', () => {
      useChoice(Number(select.value) ? choices.broader[Number(select.value) - 1] : choices.best);
      update();
    });
  };
  const fillProperties = () => {
    const forms = on === 'submit' && form ? formOptions(form) : queryOptions(inputs.query);
    const options = on === 'click' ? elementOptions(element) : forms;
    properties.replaceChildren();
    ticks = options.map((option) => {
      const [line, box] = optionLine(option, update);
      properties.append(line);
      return [option, box];
    });
    if (!ticks.length) properties.append(h('div', { className: 'meta', textContent: 'nothing to read here' }));
  };
  function switchTo(trigger: Trigger): void {
    on = trigger;
    choices = trigger === 'submit' && inputs.formChoices ? inputs.formChoices : inputs.clickChoices;
    replaceSelect();
    useChoice(choices.best);
    selectorSection.style.display = trigger === 'page' ? 'none' : '';
    if (!named) name.value = suggestName(trigger, element, form, inputs.title);
    fillProperties();
    update();
  }

  const draft = (): Draft => {
    const ticked = ticks.filter(([, box]) => box.checked).map(([option]) => option);
    return {
      name: name.value,
      on,
      selector: selector.value,
      text: on === 'click' && textBox.checked ? choiceText : '',
      properties: Object.fromEntries(ticked.flatMap((option) => (option.source ? [[option.key, option.source]] : []))),
      fields: ticked.filter((option) => option.field).map((option) => ({ name: option.field as string, hidden: option.hidden })),
      fire: fire.value.split('\n'),
      dontFire: dontFire.value.split('\n'),
    };
  };
  function update(): void {
    const current = draft();
    const checked = checkDraft(current);
    json.textContent = toJson(current);
    errors.replaceChildren(...checked.errors.map((text) => h('div', { textContent: text })));
    const matches = current.on === 'page' ? 0 : inputs.count(current.selector, current.text || undefined);
    count.textContent = current.on === 'page' ? '' : `${matches} ${matches === 1 ? 'element matches' : 'elements match'} on this page`;
    count.className = matches ? 'meta' : 'bad';
    inputs.onDraft(current, checked.definition);
  }
  for (const input of [selector, fire, dontFire]) input.addEventListener('input', update);
  textBox.addEventListener('change', update);

  const node = h(
    'div',
    {},
    h('section', {}, h('h3', { textContent: 'Trigger' }), triggers),
    selectorSection,
    h('section', {}, h('h3', { textContent: 'Event name' }), name),
    h('section', {}, h('h3', { textContent: 'Properties' }), properties),
    h('section', {}, h('h3', { textContent: 'Fire on (one path per line, * as wildcard)' }), fire),
    h('section', {}, h('h3', { textContent: "Don't fire on" }), dontFire),
    h('section', {}, h('h3', { textContent: 'Rule' }), json, errors, h('div', { className: 'row' }, copy), saveArea),
    h('section', {}, h('h3', { textContent: 'Live test: click on the page' }), reports),
  );
  switchTo('click');
  return {
    node,
    draft,
    saveArea,
    report(text, kind) {
      reports.prepend(h('div', { className: kind, textContent: text }));
      while (reports.children.length > MAX_REPORTS) reports.lastChild?.remove();
    },
  };
}

/** A page rule's property options: the page's query parameters (`{ query: 'utm_source' }`). */
function queryOptions(query: string): PropertyOption[] {
  return Array.from(new URLSearchParams(query).keys()).map((key) => ({
    key,
    label: `query parameter ${key}`,
    preview: new URLSearchParams(query).get(key) ?? '',
    source: { query: key },
  }));
}
