// Entry of the on-demand rules piece (dist/tally-rules.js): reads the `events` option and the `rulesUrl` document into the
// definitions in force (each bad one reported once, naming event and field) and returns the gate that applies their paths
// and toggles. Loaded when `events` or `rulesUrl` is set.
import { createProblems, type Problems } from '../config/readers';
import { deepFreeze } from '../config/freeze';
import { logError, logWarning } from '../errors';
import { readPage } from '../event/environment';
import { readEvents, type Definition } from './definitions';
import { createEventsGate } from './gate';
import { createRuleSet } from './rule-set';
import { followPreview, followRulesUrl, type RulesTarget } from './from-url';
import { markPreview, readPreview } from './preview';
import { showPreviewBadge } from './preview-badge';
import { readStoredRules } from './rules-cache';
import { hiddenFields, unreadFields } from '../tracker/privacy';
import { optionPieces } from '../triggers/piece-of';
import type { PieceContext, Pieces, RulesGate } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

/** On a first visit (no stored rules document), how long events and the DOM tracker wait for the document before going on without it. */
export const FIRST_LOAD_WAIT_MS = 2000;

/**
 * The events gate for the host's `events` option and `rulesUrl` document, with the rule set (the core hands it to the
 * tracker and debug pieces) and each problem message (for the debug preview). With a stored document it is `ready` at
 * once; without one (a first visit), once the document is known or FIRST_LOAD_WAIT_MS has passed: events wait in order
 * meanwhile, and clicks are recorded, so the document's rules apply from the first click there too.
 */
export function eventsGate(host: PieceContext): RulesGate {
  const ruleProblems: string[] = [];
  const report = (problems: Problems) => {
    for (const error of problems.errors) {
      logError(error);
      ruleProblems.push(error.message);
    }
  };
  const problems = createProblems();
  const inline = deepFreeze(readEvents(problems, host.config.events ?? {}, host.config.integrationNames));
  report(problems);
  const rules = createRuleSet(inline);
  // Fields no page can ever give (a password or card name), and hidden inputs named without the opt-in: said at load
  // (once the page is parsed, for its hidden inputs), not at the first submit.
  const warn = (definitions: readonly Definition[]) => {
    const page = typeof document === 'object' ? document : undefined;
    for (const text of definitions.flatMap((definition) => [
      ...unreadFields(definition),
      ...(page ? hiddenFields(definition, page) : []),
    ])) {
      logWarning(text);
      if (!ruleProblems.includes(text)) ruleProblems.push(text);
    }
  };
  if (typeof document === 'object' && document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', () => warn(rules.current()), { once: true });
  else warn(inline);
  rules.onChange(warn);
  const gate = {
    ...createEventsGate(rules, readPage),
    rules,
    problems: ruleProblems,
    optionPieces: optionPieces(host.config as unknown as Record<string, unknown>),
  };
  const url = host.config.rulesUrl;
  if (!url) return gate;
  const target: RulesTarget = { host, inline, rules, report };
  const preview = readPreview();
  if (preview) return followDraft(target, gate, preview);
  const stored = !!readStoredRules(url);
  const fetched = followRulesUrl(target);
  if (stored) return gate;
  return { ...gate, ready: firstLoad(fetched) };
}

/** Settles when `fetched` does, or after FIRST_LOAD_WAIT_MS, whichever comes first. */
const firstLoad = (fetched: Promise<unknown>): Promise<void> =>
  Promise.race([fetched.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS))]);

/**
 * A tab in preview (src/rules/preview.ts): the badge, the draft's rules (waited for like a first visit's), events marked
 * while the preview lasts; when the edge refuses the link, the published rules instead.
 */
function followDraft(target: RulesTarget, gate: RulesGate, preview: NonNullable<ReturnType<typeof readPreview>>): RulesGate {
  let active = true;
  const badge = showPreviewBadge(preview);
  const fetched = followPreview(target, preview).then((applied) => {
    if (applied) return;
    active = false;
    badge.remove();
    return followRulesUrl(target);
  });
  return { ...gate, ...markPreview(gate, () => active), ready: firstLoad(fetched) };
}

({ eventsGate }) satisfies Pieces['rules'];
