// What each rule's selector finds on this page (pure over a DOM root), for every kind whose rules point at an element or
// a form (src/triggers/): the debug preview says at load, and again when the page changes, which rules can never fire
// here and why.
import { attempt } from '../errors';
import { textOf } from '../tracker/text';
import { triggerOf } from '../triggers/list';
import { describeElement } from './explain';
import type { Definition } from '../rules/types';

/** Every element under `root` matching `selector`, open shadow roots included (the tracker sees clicks there too); undefined for a selector the browser rejects. */
export function findAll(root: ParentNode, selector: string): Element[] | undefined {
  const found = attempt(() => Array.from(root.querySelectorAll(selector)));
  if (!found) return undefined;
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const inner = element.shadowRoot && findAll(element.shadowRoot, selector);
    if (inner) found.push(...inner);
  }
  return found;
}

/** One rule's problem on this page, or undefined when its selector finds what the rule needs. */
function checkOne(definition: Definition, root: ParentNode): string | undefined {
  const { name, on, selector, text } = definition;
  const target = triggerOf(on)?.target;
  if (!selector || !target || target === 'page') return undefined;
  const rule = `"${name}" (${on} ${selector})`;
  const found = findAll(root, selector);
  if (!found) return `${rule}: the browser rejects this selector`;
  if (!found.length) return `${rule}: the selector matches no element on this page`;
  if (target === 'form') {
    const notForm = found.find((element) => element.localName !== 'form');
    if (notForm) return `${rule}: the selector matches ${describeElement(notForm)}, which is not a form; only a form fires ${on}`;
  }
  if (text && !found.some((element) => text.re.test(textOf(element) ?? '')))
    return `${rule}: ${found.length === 1 ? '1 element matches' : `${found.length} elements match`}, none with text ${text.written}`;
  return undefined;
}

/**
 * The problems each element or form rule has on the page under `root`, in definition order.
 * @example checkSelectors(rules.current(), document) // ['"Buy" (click button.buy): the selector matches no element on this page']
 */
export function checkSelectors(definitions: readonly Definition[], root: ParentNode): string[] {
  return definitions.map((definition) => checkOne(definition, root)).filter((note): note is string => note !== undefined);
}
