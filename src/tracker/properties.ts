// Reads a rule event's properties (pure over DOM nodes): from the matched element, its form, the URL and the page's
// other sources (src/sources/); private controls are never read.
import { nonEmpty } from '../config/readers';
import { setOwn } from '../config/keys';
import { CORE_RUNTIMES } from '../triggers/runtimes';
import { sourceOf } from '../sources/list';
import { convert } from '../sources/convert';
import { readField } from './form-field';
import { latestFirst, readPath } from './data-layer';
import type { Definition, PropertySource } from '../rules/types';
import type { SourceFacts } from '../sources/source';
import type { JsonObject } from '../event/types';

export { MAX_TEXT_LENGTH, textOf } from './text';

/** The standard properties of a click, submit or page rule's element: those its bundled runtime reads (src/triggers/). */
export const readStandardProperties = (element: Element, on: Definition['on']): JsonObject =>
  (on && CORE_RUNTIMES[on]?.standard?.(element)) || {};

/**
 * A rule event's properties: the standard ones of its matched element (none for page rules) and those of the firing
 * itself (`own`, a scroll depth), then the values of the definition's `fields` and `properties`, read from that
 * element, its form, the page at `href` and `data` (a data layer push, else the data layer's latest pushes).
 * `standard` reads the standard ones: the runtime's that fired the rule.
 */
export function readProperties(
  definition: Definition,
  element: Element | undefined,
  href: string,
  own?: JsonObject,
  data: (path: string) => unknown = (path) => readPath(latestFirst(), path),
  standard = (element: Element) => readStandardProperties(element, definition.on),
): JsonObject {
  const properties = { ...(element && standard(element)), ...own };
  const facts = { definition, element, href, data };
  // Own properties: a rules document may name a property `__proto__`, which plain assignment would make the object's prototype.
  for (const name of definition.fields) setOwn(properties, name, readField(definition, element, name));
  for (const [key, source] of definition.properties) setOwn(properties, key, readSource(source, facts));
  return properties;
}

/** One source's value, converted as its `as` says. */
export const readSource = (source: PropertySource, facts: SourceFacts): unknown => convert(sourceOf(source).read(source, facts), source.as);

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
