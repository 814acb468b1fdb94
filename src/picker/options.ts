// What a picked element offers as event properties (pure over DOM nodes): its text and attributes for a click rule, its
// form's fields for a submit rule, each marked readable or not by the tracker's own privacy check.
import { isPrivate } from '../tracker/privacy';
import { textOf } from '../tracker/properties';
import type { PropertySource } from '../rules/definitions';

/** One property the person may tick. */
export interface PropertyOption {
  /** The property's name in the event (`plan` for `data-plan`), or the field's name. */
  key: string;
  /** What the picker shows: where the value comes from. */
  label: string;
  /** The value now, shown as a preview; never for a field that is not readable. */
  preview?: string;
  /** A `properties` source (click rules), absent for form fields. */
  source?: PropertySource;
  /** A form field's name (submit rules). */
  field?: string;
  /** Why the value can never be read (password, card or id field, data-tally-ignore); absent when readable. */
  unreadable?: string;
  /** A hidden input: read only with the rule's explicit opt-in (`{ name, hidden: true }`). */
  hidden?: boolean;
}

/** Attributes the standard click properties already carry (elementId, elementClasses, href) or that say nothing useful. */
const SKIPPED_ATTRIBUTES =
  /^(id|class|href|style|tabindex|target|rel|type|on\w+|aria-(hidden|expanded|controls|haspopup|describedby)|data-v-.*)$/;

/** `data-plan` → `plan`, `aria-label` → `ariaLabel`: a property name from an attribute name. */
export const propertyName = (attribute: string) =>
  attribute.replace(/^data-/, '').replace(/[-_:]+([a-z\d])/gi, (_, letter: string) => letter.toUpperCase());

/** A click target's text and attributes as property options. */
export function elementOptions(element: Element): PropertyOption[] {
  const options: PropertyOption[] = [];
  const text = textOf(element);
  if (text) options.push({ key: 'text', label: 'its text', preview: text, source: { text: true } });
  for (const { name, value } of Array.from(element.attributes))
    if (!SKIPPED_ATTRIBUTES.test(name) && value)
      options.push({ key: propertyName(name), label: `attribute ${name}`, preview: value.slice(0, 80), source: { attr: name } });
  return options;
}

/** Why a control is never read, in the person's words; undefined for a readable one (a hidden input counts as readable with opt-in). */
export function unreadableReason(control: Element): string | undefined {
  if (!isPrivate(control, true)) return undefined;
  const type = (control.getAttribute('type') ?? '').toLowerCase();
  if (type === 'password' || type === 'file') return `${type} field`;
  if (control.closest('[data-tally-ignore]')) return 'inside data-tally-ignore';
  return 'looks like a password, card or id field';
}

/** A form's named controls as field options (one per name: a radio group is one field), in document order. */
export function formOptions(form: HTMLFormElement): PropertyOption[] {
  const seen = new Set<string>();
  const options: PropertyOption[] = [];
  for (const control of Array.from(form.elements) as HTMLInputElement[]) {
    const name = control.getAttribute('name');
    if (!name || seen.has(name) || /^(submit|button|reset|image)$/.test(control.type) || control.localName === 'fieldset') continue;
    seen.add(name);
    const unreadable = unreadableReason(control);
    const hidden = control.type === 'hidden';
    const label = `field ${name}${hidden ? ' (hidden)' : ''}`;
    // A value that is never read is not shown either.
    options.push({
      key: name,
      label,
      field: name,
      ...(unreadable ? { unreadable } : { preview: previewOf(control) }),
      ...(hidden && { hidden }),
    });
  }
  return options;
}

/** A readable control's value as the picker previews it: a checkbox's state, else its value (cut). */
const previewOf = (control: HTMLInputElement) => (control.type === 'checkbox' ? String(control.checked) : control.value.slice(0, 80));
