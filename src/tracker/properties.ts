// Reads a rule event's properties (pure over DOM nodes): from the matched element, its form and the URL; private controls are never read.
import { logWarning } from '../errors';
import { isPrivate } from './privacy';
import { nonEmpty } from '../config/readers';
import { setOwn } from '../config/keys';
import { clip, textOf } from './text';
import { CORE_RUNTIMES } from '../triggers/runtimes';
import { latestFirst, readPath } from './data-layer';
import type { Definition, PropertySource } from '../rules/types';
import type { JsonObject } from '../event/types';

type Value = string | boolean | null | undefined;
type Control = HTMLInputElement;

export { MAX_TEXT_LENGTH, textOf } from './text';

/** The standard properties of a click, submit or page rule's element: those its bundled runtime reads (src/triggers/). */
export const readStandardProperties = (element: Element, on: Definition['on']): JsonObject =>
  (on && CORE_RUNTIMES[on]?.standard?.(element)) || {};

/**
 * A rule event's properties: the standard ones of its matched element (none for page rules) and those of the firing
 * itself (`own`, a scroll depth), then the values of the definition's `fields` and `properties`, read from that
 * element, its form, the page's query string and `data` (a data layer push, else the data layer's latest pushes).
 * `standard` reads the standard ones: the runtime's that fired the rule.
 */
export function readProperties(
  definition: Definition,
  element: Element | undefined,
  search: string,
  own?: JsonObject,
  data: (path: string) => unknown = (path) => readPath(latestFirst(), path),
  standard = (element: Element) => readStandardProperties(element, definition.on),
): JsonObject {
  const properties = { ...(element && standard(element)), ...own };
  // Own properties: a rules document may name a property `__proto__`, which plain assignment would make the object's prototype.
  for (const name of definition.fields) setOwn(properties, name, readField(definition, element, name));
  for (const [key, source] of definition.properties) setOwn(properties, key, readSource(definition, source, element, search, data));
  return properties;
}

function readSource(
  definition: Definition,
  source: PropertySource,
  element: Element | undefined,
  search: string,
  data: (path: string) => unknown,
): unknown {
  if ('value' in source) return source.value;
  if (source.data) return data(source.data);
  if (source.query) return new URLSearchParams(search).get(source.query) ?? undefined;
  if (source.field) return readField(definition, element, source.field);
  const scope = source.closest ? element?.closest(source.closest) : element;
  const target = source.selector ? scope?.querySelector(source.selector) : scope;
  if (!target || isPrivateFor(definition, target, source.selector ?? 'the element')) return undefined;
  return source.attr ? clip(target.getAttribute(source.attr)) : textOf(target);
}

/** A named control's value in the element's form: a checkbox's checked state, a radio group's checked value, else its text (capped). */
function readField(definition: Definition, element: Element | undefined, name: string): Value {
  const item = element?.closest('form')?.elements.namedItem(name) as Control | RadioNodeList | null | undefined;
  const control = item && ('tagName' in item ? item : (item[0] as Control));
  if (!control || isPrivateFor(definition, control, `field "${name}"`, definition.hidden.includes(name))) return undefined;
  return control.type === 'checkbox' ? control.checked : clip(item.value);
}

/** Whether `element` is private (a hidden input is not when the rule opted it in); if so, warns (once) naming the rule and `what` a rule tried to read. */
function isPrivateFor(definition: Definition, element: Element, what: string, allowHidden = false): boolean {
  const found = isPrivate(element, allowHidden);
  if (found) logWarning(`events[${JSON.stringify(definition.name)}]: ${what} is private; not read`);
  return found;
}

/**
 * The identify() call a submit rule's `identify` names: `[userId, traits]`, traits holding the listed fields and a
 * valid-looking `email`; undefined without `identify`, or when the form gives neither a user id nor an email.
 */
export function readIdentity(definition: Definition, form: Element | undefined): [string | undefined, JsonObject] | undefined {
  const { email, userId, traits = [] } = definition.identify ?? {};
  const read = (name?: string) => (name ? readField(definition, form, name) : undefined);
  const values: JsonObject = {};
  for (const name of traits) setOwn(values, name, read(name));
  const address = read(email);
  if (typeof address === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) values.email = address;
  const id = read(userId);
  return values.email || id ? [nonEmpty(id), values] : undefined;
}
