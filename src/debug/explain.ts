// Why a click or submit rule did or did not fire for one DOM event (pure over DOM nodes and URL parts): the debug
// preview's lines and the picker's live test. It asks what the tracker asks, in its order, and says where it stopped.
import { findElement, isIgnored } from '../tracker/element';
import { textOf } from '../tracker/properties';
import { matchUrl, type UrlParts } from '../rules/url-pattern';
import { isRoutedTo } from '../pipeline/route';
import type { Definition } from '../rules/definitions';

/** One definition's answer to one click or submit. */
export interface Verdict {
  name: string;
  fired: boolean;
  /** What it matched (`matched <button.signup "Sign up">, to Segment.io`) or why it did not fire. */
  reason: string;
}

/** What an explanation needs besides the event: the page's URL parts, and the destinations with the load-level `integrations`. */
export interface Surroundings {
  parts: UrlParts;
  destinations: readonly string[];
  integrations?: Readonly<Record<string, unknown>>;
}

/** An element as a short, readable tag: `<button#go.cta.big "Sign up">` (text cut to 30 characters). */
export function describeElement(element: Element | undefined): string {
  if (!element) return '<nothing>';
  const id = element.id ? `#${element.id}` : '';
  const classes = Array.from(element.classList ?? [])
    .slice(0, 2)
    .map((name) => `.${name}`)
    .join('');
  const text = (textOf(element) ?? '').slice(0, 30);
  return `<${element.localName}${id}${classes}${text ? ` ${JSON.stringify(text)}` : ''}>`;
}

/** Why the page's URL stops a definition (`dontFire` pattern first, as the gate decides), or undefined when it may fire here. */
export function pathGate(definition: Pick<Definition, 'fire' | 'dontFire'>, parts: UrlParts): string | undefined {
  const page = parts.path + parts.query;
  const blocking = definition.dontFire.find((pattern) => matchUrl(pattern, parts));
  if (blocking) return `path gate: dontFire pattern ${blocking.written} matches ${page}`;
  if (definition.fire.length && !definition.fire.some((pattern) => matchUrl(pattern, parts)))
    return `path gate: no fire pattern matches ${page} (fire: ${definition.fire.map((pattern) => pattern.written).join(', ')})`;
  return undefined;
}

/** Where a definition's event goes, or that its toggles turned every destination off. */
function routing(definition: Definition, around: Surroundings): { to: string[]; off: string[] } {
  const integrations = { ...around.integrations, ...definition.destinations };
  const to = around.destinations.filter((name) => isRoutedTo(name, integrations));
  return { to, off: around.destinations.filter((name) => !to.includes(name)) };
}

/** One definition against one click (`path` is the click's composed path) or submit (`path[0]` is the form). */
function explainOne(definition: Definition, type: 'click' | 'submit', path: readonly EventTarget[], around: Surroundings): Verdict {
  const verdict = (fired: boolean, reason: string) => ({ name: definition.name, fired, reason });
  const target = path.find((node) => typeof (node as Element).matches === 'function') as Element | undefined;
  if (isIgnored(path as EventTarget[])) return verdict(false, `inside data-tally-ignore (${describeElement(target)})`);
  const selector = definition.selector as string;
  // A click rule matches the nearest element on the path; a submit rule, the form itself.
  const nearest = type === 'click' ? findElement(path as EventTarget[], selector) : [target].find((form) => form?.matches(selector));
  if (!nearest)
    return verdict(false, `selector ${selector} did not match (${type === 'click' ? 'clicked' : 'submitted'} ${describeElement(target)})`);
  const element = definition.text ? findElement(path as EventTarget[], selector, definition.text) : nearest;
  if (!element) return verdict(false, `text did not match: ${definition.text?.written} is not ${JSON.stringify(textOf(nearest))}`);
  const gated = pathGate(definition, around.parts);
  if (gated) return verdict(false, gated);
  const { to, off } = routing(definition, around);
  if (!to.length) return verdict(false, `destination toggled off: ${off.join(', ') || 'no destination configured'}`);
  const skipped = off.length ? `; toggled off: ${off.join(', ')}` : '';
  const cancelled = type === 'submit' && definition.skipCancelled ? '; unless a handler cancels the submit (skipCancelled)' : '';
  return verdict(true, `matched ${describeElement(element)}, to ${to.join(', ')}${skipped}${cancelled}`);
}

/**
 * The verdict of each click (or submit) definition for one event, in the order they are defined.
 * @example explainEvent('click', definitions, event.composedPath(), around) // [{ name: 'Buy', fired: false, reason: 'selector ... did not match ...' }]
 */
export function explainEvent(
  type: 'click' | 'submit',
  definitions: readonly Definition[],
  path: readonly EventTarget[],
  around: Surroundings,
): Verdict[] {
  return definitions.filter((definition) => definition.on === type).map((definition) => explainOne(definition, type, path, around));
}
