// What each rule's selector finds on this page (pure over a DOM root), for every kind whose rules point at an element or
// a form (src/triggers/), and what its page-wide property sources (src/sources/) read here: the debug preview says at
// load, and again when the page changes, which rules can never fire here or would send an empty property, and why.
import { attempt } from '../errors';
import { textOf } from '../tracker/text';
import { triggerOf } from '../triggers/list';
import { describeElement, pathGate } from './explain';
import { sourceOf } from '../sources/list';
import { convert } from '../sources/convert';
import { currentSession, readSessionNames } from '../tracker/once';
import { toUrlParts } from '../rules/url-pattern';
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

/** One definition's page-wide sources that read nothing here, or text `as` cannot convert; and a `once: 'session'` already spent. */
function checkOneSources(definition: Definition, href: string, session: string): string[] {
  const lines: string[] = [];
  for (const [key, source] of definition.properties) {
    const kind = sourceOf(source);
    if (!kind.page) continue;
    const value = kind.read(source, { definition, href, data: () => undefined });
    const where = `"${definition.name}" property ${key} (${JSON.stringify(source)})`;
    if (value === undefined || value === null || value === '') lines.push(`${where}: finds nothing on this page; the property is left out`);
    else if (convert(value, source.as) === undefined)
      lines.push(`${where}: ${JSON.stringify(value)} is not a ${source.as}; the property is left out`);
  }
  if (definition.once === 'session' && readSessionNames(session).includes(definition.name))
    lines.push(`"${definition.name}" (once: 'session'): already fired once this session; it fires again in the next session (a new tab)`);
  return lines;
}

/**
 * The problems of the page-wide property sources (a meta tag, JSON-LD, a cookie, the URL) of each rule the path gate
 * lets fire on the page at `href`, and the session-limited rules already spent in `session`.
 * @example checkSources(rules.current(), location.href) // ['"Viewed" property price ({"meta":"price"}): finds nothing on this page; ...']
 */
export function checkSources(definitions: readonly Definition[], href: string, session: string = currentSession()): string[] {
  const parts = toUrlParts(href, '');
  return definitions.flatMap((definition) => (pathGate(definition, parts) ? [] : checkOneSources(definition, href, session)));
}
