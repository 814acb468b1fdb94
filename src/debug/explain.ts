// Why a rule did or did not fire for one DOM event (pure over DOM nodes and URL parts): the debug preview's lines and the
// picker's live test. It asks what the tracker asks, in its order (the kind's own match from src/triggers/, then the
// path gate and the destinations), and says where it stopped.
import { isIgnored, targetOf } from '../tracker/element';
import { textOf } from '../tracker/text';
import { matchUrl, type UrlParts } from '../rules/url-pattern';
import { isRoutedTo } from '../pipeline/route';
import type { Definition } from '../rules/types';
import type { Explainer, TriggerRuntime } from '../triggers/trigger';
import type { OnceLimit } from '../tracker/once';
import { sourceOf } from '../sources/list';
import { readSource } from '../tracker/properties';

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
  /** The preview's own record of the `once` limits (the tracker's is in another piece): a hit past the path gate counts. */
  once?: Pick<OnceLimit, 'spent' | 'fired'>;
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

/**
 * A definition's verdict once its kind has said what it `found`: the matched element (or undefined, a hit without
 * one) then goes through the path gate, the `once` limit and the destinations, as the event would; a string is the
 * kind's miss.
 */
export function judge(definition: Definition, found: Element | string | undefined, around: Surroundings, note?: string): Verdict {
  const verdict = (fired: boolean, reason: string) => ({ name: definition.name, fired, reason });
  if (typeof found === 'string') return verdict(false, found);
  const gated = pathGate(definition, around.parts);
  if (gated) return verdict(false, gated);
  const spent = around.once?.spent(definition);
  if (spent) return verdict(false, spent);
  around.once?.fired(definition);
  const { to, off } = routing(definition, around);
  if (!to.length) return verdict(false, `destination toggled off: ${off.join(', ') || 'no destination configured'}`);
  const skipped = off.length ? `; toggled off: ${off.join(', ')}` : '';
  const what = found ? `matched ${describeElement(found)}` : 'fired';
  const notes = [note, ...emptySources(definition, found, around.parts.url)].filter(Boolean).map((text) => `; ${text}`);
  return verdict(true, `${what}, to ${to.join(', ')}${skipped}${notes.join('')}`);
}

/** The properties read from the matched element or its form that find nothing (or text `as` cannot convert) at a hit. */
function emptySources(definition: Definition, element: Element | undefined, href: string): string[] {
  if (!element) return [];
  const facts = { definition, element, href, data: () => undefined };
  return definition.properties
    .filter(([, source]) => sourceOf(source).element && readSource(source, facts) === undefined)
    .map(([key, source]) => `property ${key} (${JSON.stringify(source)}) read nothing`);
}

/** One definition against one DOM event (`path` is its composed path), matched by its kind's explainer. */
function explainOne(definition: Definition, explainer: Explainer, path: readonly EventTarget[], around: Surroundings): Verdict {
  if (isIgnored(path as EventTarget[]))
    return { name: definition.name, fired: false, reason: `inside data-tally-ignore (${describeElement(targetOf(path))})` };
  const found = explainer.match?.(definition, path, describeElement) ?? 'this kind is not explained per event';
  return judge(definition, found, around, explainer.note?.(definition));
}

/** The DOM events a runtime explains one by one (the preview and the picker's live test listen to these). */
export const explainedEvents = (runtime: TriggerRuntime): readonly string[] => runtime.explain?.events ?? [];

/**
 * The verdict of each definition whose runtime (`runtimeOf`, when it is here) explains this DOM event `type`, in the
 * order they are defined.
 * @example explainEvent('click', definitions, event.composedPath(), around, runtimes.of) // [{ name: 'Buy', fired: false, reason: 'selector ... did not match ...' }]
 */
export function explainEvent(
  type: string,
  definitions: readonly Definition[],
  path: readonly EventTarget[],
  around: Surroundings,
  runtimeOf: (definition: Definition) => TriggerRuntime | undefined,
): Verdict[] {
  return definitions.flatMap((definition) => {
    const explainer = runtimeOf(definition)?.explain;
    return explainer?.events?.includes(type) ? [explainOne(definition, explainer, path, around)] : [];
  });
}
