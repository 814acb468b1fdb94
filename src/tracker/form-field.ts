// Reads one named control of a rule's form (pure over DOM nodes); private controls are never read, and a rule that
// names one is warned about once.
import { logWarning } from '../errors';
import { isPrivate } from './privacy';
import { clip } from './text';
import type { Definition } from '../rules/types';

type Control = HTMLInputElement;

/** A named control's value in the element's form: a checkbox's checked state, a radio group's checked value, else its text (capped). */
export function readField(definition: Definition, element: Element | undefined, name: string): string | boolean | undefined {
  const item = element?.closest('form')?.elements.namedItem(name) as Control | RadioNodeList | null | undefined;
  const control = item && ('tagName' in item ? item : (item[0] as Control));
  if (!control || isPrivateFor(definition, control, `field "${name}"`, definition.hidden.includes(name))) return undefined;
  return control.type === 'checkbox' ? control.checked : clip(item.value);
}

/** Whether `element` is private (a hidden input is not when the rule opted it in); if so, warns (once) naming the rule and `what` a rule tried to read. */
export function isPrivateFor(definition: Definition, element: Element, what: string, allowHidden = false): boolean {
  const found = isPrivate(element, allowHidden);
  if (found) logWarning(`events[${JSON.stringify(definition.name)}]: ${what} is private; not read`);
  return found;
}
