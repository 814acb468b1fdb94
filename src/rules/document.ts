// A rules document (pure): `{ version, events, plan? }` as `rulesUrl` serves it, read by the same code as the `events`
// option, with the same messages, each naming the document's URL. A bad definition never replaces a working one.
import { createProblems, fieldsOf, isPlainObject, readObject, readString, reject, type Problems } from '../config/readers';
import { readDefinitionOf, type Definition } from './definitions';

/** A rules document: its version (any string the author bumps), its event definitions and, optionally, a tracking plan. */
export interface RulesDocument {
  version: string;
  events: Record<string, unknown>;
  plan?: Record<string, unknown>;
}

/**
 * Reads a parsed document. A document without a `version` string or an `events` object is unusable as a whole: its
 * problems are recorded (`/rules/site.json version: required`) and undefined returned.
 * @example readDocument(problems, '/rules/site.json', { version: '3', events: { 'Signup Clicked': { on: 'click', selector: '.signup' } } })
 */
export function readDocument(problems: Problems, url: string, value: unknown): RulesDocument | undefined {
  if (!isPlainObject(value)) return reject(problems, url, 'a rules document { "version": "...", "events": { ... } }', value);
  const own = createProblems();
  const read = fieldsOf(own, url, value, `${url} `);
  const version = read('version', readString);
  const events = read('events', readObject);
  const plan = value.plan === undefined ? undefined : read('plan', readObject);
  read.unknown();
  if (version === undefined) own.add(`${url} version`, 'required');
  if (value.events === undefined) own.add(`${url} events`, 'required');
  problems.errors.push(...own.errors);
  if (own.errors.length) return undefined;
  return plan ? { version: version as string, events, plan } : { version: version as string, events };
}

/**
 * A document's definitions, each read by itself. A definition with a problem is reported, naming the URL and field; when
 * the document in force before (`previous`) had a working definition of that name, that one stays (and is what `events`
 * holds for storing), else the definition is disabled.
 */
export function readDocumentEvents(
  problems: Problems,
  url: string,
  document: RulesDocument,
  names: Readonly<Record<string, string>>,
  previous?: RulesDocument,
): { definitions: Definition[]; events: Record<string, unknown> } {
  const definitions: Definition[] = [];
  const events: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document.events)) {
    const read = readDefinitionOf(name, value, names);
    if ('definition' in read) {
      definitions.push(read.definition);
      events[name] = value;
      continue;
    }
    const before = previous && name in previous.events ? readDefinitionOf(name, previous.events[name], names) : undefined;
    const kept = before && 'definition' in before ? before.definition : undefined;
    problems.add(
      `${url} ${read.problem.field}`,
      `${read.problem.detail}; ${kept ? `keeping this definition from version ${previous?.version}` : 'this definition is disabled'}`,
    );
    if (kept) {
      definitions.push(kept);
      events[name] = previous?.events[name];
    }
  }
  return { definitions, events };
}
