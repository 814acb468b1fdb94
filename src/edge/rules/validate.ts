// A document an editor sends, read by the SDK's own readers (src/rules/document.ts, definitions.ts, plan.ts) before the
// edge stores it: what the SDK would report at load, the edge refuses at publish, with the same field names. Pure.
import { createProblems } from '../../config/readers';
import { readDocument, type RulesDocument } from '../../rules/document';
import { readDefinitionOf } from '../../rules/definitions';
import { compilePlan } from '../../plan/plan';
import { isObject } from '../json';

/**
 * The document in `value` (`{ events, plan? }`; any `version` is the edge's to set), or the problems that keep it out,
 * each naming the field: `rules events["Signup"].selector: required`.
 */
export function readEditorDocument(label: string, value: unknown): { document: Omit<RulesDocument, 'version'> } | { problems: string[] } {
  const problems = createProblems();
  const document = readDocument(problems, label, isObject(value) ? { ...value, version: 'next' } : value);
  if (document) {
    for (const [name, definition] of Object.entries(document.events)) {
      const read = readDefinitionOf(name, definition, {});
      if ('problem' in read) problems.add(`${label} ${read.problem.field}`, read.problem.detail);
    }
    if (document.plan) compilePlan(document.plan, problems);
  }
  if (!document || problems.errors.length) return { problems: problems.errors.map((error) => error.message) };
  return { document: document.plan ? { events: document.events, plan: document.plan } : { events: document.events } };
}
