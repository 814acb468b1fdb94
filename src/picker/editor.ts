// Touches the DOM: the picker's form for one picked element. The person picks the trigger (each kind of src/triggers/list.ts
// that fits the element), the selector, the event's name, its properties and paths; the form shows the rule's JSON
// (checked as load() would check it) and hands each draft on.
import { h } from './ui';
import { checkDraft, toJson, type Draft } from './draft';
import { createElementSection } from './element-section';
import { elementOptions, formOptions, type PropertyOption } from './options';
import { TRIGGERS, triggerOf } from '../triggers/list';
import type { SelectorChoices } from './selector';
import type { Definition } from '../rules/types';
import type { TriggerSpec, TriggerTarget } from '../triggers/trigger';

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
  /** How many elements on the page the rule's selector (and text) matches now; undefined for a rule on the page. */
  matches(): number | undefined;
}

const MAX_REPORTS = 5;

/** A name to start from, by the kind's offer: `Sign Up Clicked`, `Lead Submitted`, `Pricing Viewed`. */
export function suggestName(on: string, element: Element, form: HTMLFormElement | undefined, title: string): string {
  const words = (text: string | null | undefined) =>
    (text ?? '')
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .trim()
      .split(/\s+/)
      .slice(0, 3)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ');
  const trigger = triggerOf(on);
  // The words a name starts from: the form's name or id, the page's title, or the element's label or text.
  const sources: Record<TriggerTarget, () => string | null | undefined> = {
    form: () => form?.getAttribute('name') ?? form?.id,
    page: () => title,
    element: () => element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? element.textContent,
  };
  const source = sources[trigger?.target ?? 'element']();
  return trigger?.offer ? trigger.offer.name(words(source)) : words(source);
}

/** The kinds the picker offers for this element: every kind, but those on a form only when it is in one. */
const offersFor = (form: HTMLFormElement | undefined) => TRIGGERS.filter((trigger) => trigger.offer && (trigger.target !== 'form' || form));

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

/** The "Properties" list: the options of what a kind points at, each with its box; `ticked()` is what the person chose. */
function createPropertyList(onChange: () => void) {
  const node = h('div', {});
  let ticks: [PropertyOption, HTMLInputElement][] = [];
  return {
    node,
    fill(options: PropertyOption[]): void {
      node.replaceChildren();
      ticks = options.map((option) => {
        const [line, box] = optionLine(option, onChange);
        node.append(line);
        return [option, box];
      });
      if (!ticks.length) node.append(h('div', { className: 'meta', textContent: 'nothing to read here' }));
    },
    ticked: () => ticks.filter(([, box]) => box.checked).map(([option]) => option),
  };
}

/** The "Rule" section: the rule's JSON, the messages load() would log for it, a copy button and the save area. */
function createRuleView() {
  const json = h('pre', {});
  const errors = h('div', { className: 'bad' });
  const copy = h('button', { type: 'button', className: 'quiet', textContent: 'Copy JSON' });
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(json.textContent ?? '').then(() => {
      copy.textContent = 'Copied';
    });
  });
  const saveArea = h('div', { className: 'row' });
  return {
    node: h('section', {}, h('h3', { textContent: 'Rule' }), json, errors, h('div', { className: 'row' }, copy), saveArea),
    saveArea,
    show(text: string, messages: string[]): void {
      json.textContent = text;
      errors.replaceChildren(...messages.map((message) => h('div', { textContent: message })));
    },
  };
}

/** The live test's lines: newest first, the last MAX_REPORTS kept. */
function createReports() {
  const node = h('div', {});
  return {
    node,
    report(text: string, kind: 'good' | 'bad' | 'meta'): void {
      node.prepend(h('div', { className: kind, textContent: text }));
      while (node.children.length > MAX_REPORTS) node.lastChild?.remove();
    },
  };
}

/** The property options of what a kind points at: the element's text and attributes, its form's fields, or the page's query. */
function optionsFor(trigger: TriggerSpec | undefined, inputs: EditorInputs): PropertyOption[] {
  if (trigger?.target === 'element') return elementOptions(inputs.element);
  return trigger?.target === 'form' && inputs.form ? formOptions(inputs.form) : queryOptions(inputs.query);
}

/** Builds the form for a picked element. */
export function createEditor(inputs: EditorInputs): Editor {
  const { element, form } = inputs;
  let trigger = offersFor(form)[0];
  const triggers = h('div', {});
  const numbers = new Map<TriggerSpec, HTMLInputElement>();
  for (const offered of offersFor(form)) {
    const input = h('input', { type: 'radio', name: 'trigger', value: offered.kind, checked: offered === trigger });
    input.addEventListener('change', () => switchTo(offered));
    const label = offered.offer?.label;
    const number = offered.offer?.number;
    const amount = number && h('input', { type: 'number', name: number.field, value: String(number.value), min: '0' });
    amount?.addEventListener('input', () => update());
    if (amount) numbers.set(offered, amount);
    triggers.append(h('label', {}, input, ` ${label}`, ...(amount ? [' ', amount, ` ${number?.unit}`] : [])));
  }
  const name = h('input', { type: 'text', value: suggestName(trigger.kind, element, form, inputs.title) });
  let named = false;
  name.addEventListener('input', () => {
    named = true;
    update();
  });
  const target = createElementSection(() => update());
  const properties = createPropertyList(() => update());
  const fire = h('textarea', { value: inputs.path });
  const dontFire = h('textarea', { value: '' });
  const rule = createRuleView();
  const reports = createReports();

  function switchTo(next: TriggerSpec): void {
    trigger = next;
    const choices = next.target === 'form' && inputs.formChoices ? inputs.formChoices : inputs.clickChoices;
    target.show(next.target === 'page' ? undefined : choices);
    if (!named) name.value = suggestName(next.kind, element, form, inputs.title);
    properties.fill(optionsFor(next, inputs));
    update();
  }
  const draft = (): Draft => {
    const ticked = properties.ticked();
    return {
      name: name.value,
      on: trigger.kind,
      selector: target.selector(),
      text: trigger.offer?.text ? target.text() : '',
      properties: Object.fromEntries(ticked.flatMap((option) => (option.source ? [[option.key, option.source]] : []))),
      fields: ticked.filter((option) => option.field).map((option) => ({ name: option.field as string, hidden: option.hidden })),
      fire: fire.value.split('\n'),
      dontFire: dontFire.value.split('\n'),
      options: numberOf(trigger, numbers.get(trigger)),
    };
  };
  const matches = (current = draft()) =>
    trigger.target === 'page' ? undefined : inputs.count(current.selector, current.text || undefined);
  function update(): void {
    const current = draft();
    const checked = checkDraft(current);
    rule.show(toJson(current), checked.errors);
    target.showCount(matches(current));
    inputs.onDraft(current, checked.definition);
  }
  for (const input of [fire, dontFire]) input.addEventListener('input', update);

  const node = h(
    'div',
    {},
    h('section', {}, h('h3', { textContent: 'Trigger' }), triggers),
    target.node,
    h('section', {}, h('h3', { textContent: 'Event name' }), name),
    h('section', {}, h('h3', { textContent: 'Properties' }), properties.node),
    h('section', {}, h('h3', { textContent: 'Fire on (one path per line, * as wildcard)' }), fire),
    h('section', {}, h('h3', { textContent: "Don't fire on" }), dontFire),
    rule.node,
    h('section', {}, h('h3', { textContent: 'Live test: click on the page' }), reports.node),
  );
  switchTo(trigger);
  return { node, draft, saveArea: rule.saveArea, report: reports.report, matches: () => matches() };
}

/** The number a kind's offer asks for, as its field holds it (`{ afterMs: 30000 }` for 30 s); undefined when it asks for none. */
function numberOf(trigger: TriggerSpec, input: HTMLInputElement | undefined): Record<string, number> | undefined {
  const number = trigger.offer?.number;
  return number && input ? { [number.field]: Number(input.value) * (number.scale ?? 1) } : undefined;
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
