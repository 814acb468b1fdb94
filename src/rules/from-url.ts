// Rules from a URL (`rulesUrl`): the last good document applies at once, the fresh one when it arrives; an invalid or
// unreachable document never takes away rules that work (one error names the URL and the field, then the last good stays).
import { createProblems, type Problems } from '../config/readers';
import { deepFreeze } from '../config/freeze';
import { readDocument, readDocumentEvents, type RulesDocument } from './document';
import { readStoredRules, revalidate, storeRules, type StoredRules } from './rules-cache';
import { endPreview, previewUrl, type Preview } from './preview';
import { mergeDefinitions, type RuleSet } from './rule-set';
import type { Definition } from './definitions';
import type { PieceContext } from '../pieces/contract';

/** Where the rules document's definitions go, and how problems are reported (logged, and kept for the debug preview). */
export interface RulesTarget {
  host: Pick<PieceContext, 'config' | 'usePlan'>;
  inline: readonly Definition[];
  rules: RuleSet;
  report(problems: Problems): void;
}

/** What the console says a bad or missing document costs. */
const keeping = (stored: StoredRules | undefined) =>
  stored ? `keeping the last good rules (version ${stored.version})` : 'no rules from it are in force';

/**
 * Applies the stored document for `host.config.rulesUrl` now (synchronously: rules are active from the first click),
 * then fetches the fresh copy with If-None-Match and applies it when it arrives. Resolves once the fresh copy is known.
 */
export function followRulesUrl(target: RulesTarget): Promise<void> {
  const url = target.host.config.rulesUrl as string;
  let inForce = readStoredRules(url);
  if (inForce) apply(target, url, inForce.document);
  return revalidate(url, inForce?.etag).then(
    (answer) => {
      if (!answer.fresh) return;
      const problems = createProblems();
      const document = readDocument(problems, url, answer.body);
      if (!document) {
        const [first] = problems.errors;
        target.report(withCost(first.field, `${first.detail}; ${keeping(inForce)}`));
        return;
      }
      const events = apply(target, url, document, inForce?.document);
      inForce = { url, version: document.version, etag: answer.etag, document: { ...document, events } };
      storeRules(inForce);
    },
    (error: unknown) => target.report(withCost(url, `${error instanceof Error ? error.message : String(error)}; ${keeping(inForce)}`)),
  );
}

/**
 * A tab in preview: applies the draft the preview token names (never stored: the next tab gets the published rules).
 * Resolves false when the edge refuses the token (expired) or the draft is unusable: the preview ends, said once.
 */
export function followPreview(target: RulesTarget, preview: Preview): Promise<boolean> {
  const url = target.host.config.rulesUrl as string;
  const fail = (detail: string) => {
    target.report(withCost(`${url} preview`, `${detail}; leaving the preview, the published rules apply`));
    endPreview();
    return false;
  };
  return revalidate(previewUrl(url, preview)).then(
    (answer) => {
      const problems = createProblems();
      const document = answer.fresh ? readDocument(problems, url, answer.body) : undefined;
      if (!document) return fail(problems.errors[0]?.message ?? 'no draft');
      apply(target, url, document);
      return true;
    },
    (error: unknown) => fail(`${error instanceof Error ? error.message : String(error)} (the link may have expired)`),
  );
}

const withCost = (field: string, detail: string) => {
  const problems = createProblems();
  problems.add(field, detail);
  return problems;
};

/** Puts a document's definitions in force (over the inline ones of the same name) and its plan; returns the raw events in force. */
function apply(target: RulesTarget, url: string, document: RulesDocument, previous?: RulesDocument): Record<string, unknown> {
  const { host, inline, rules, report } = target;
  const problems = createProblems();
  const { definitions, events } = readDocumentEvents(problems, url, document, host.config.integrationNames, previous);
  report(problems);
  rules.replace(deepFreeze(mergeDefinitions(inline, definitions)));
  // A document's plan wins over the `plan` option; without one, the option's plan (if the gate was filled) is back.
  if (document.plan) host.usePlan(document.plan);
  else if (previous?.plan) host.usePlan(undefined);
  return events;
}
