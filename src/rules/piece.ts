// Entry of the on-demand rules piece (dist/tally-rules.js): reads the `events` option and the `rulesUrl` document into the
// definitions in force (each bad one reported once, naming event and field) and returns the gate that applies their paths
// and toggles. Loaded when `events` or `rulesUrl` is set.
import { createProblems, type Problems } from '../config/readers';
import { deepFreeze } from '../config/freeze';
import { logError, logWarning } from '../api/errors';
import { readPage } from '../event/environment';
import { readEvents, type Definition } from './definitions';
import { createEventsGate } from './gate';
import { createRuleSet } from './rule-set';
import { followRulesUrl } from './from-url';
import { unreadFields } from '../tracker/privacy';
import type { Gate } from '../pipeline/gates';
import type { Host } from '../api/types';

/**
 * The events gate for the host's `events` option and `rulesUrl` document; keeps the rule set on the host for the
 * tracker and debug pieces, and each problem message for the debug preview.
 */
export function eventsGate(host: Host): Gate {
  host.ruleProblems = [];
  const report = (problems: Problems) => {
    for (const error of problems.errors) {
      logError(error);
      host.ruleProblems?.push(error.message);
    }
  };
  const problems = createProblems();
  const inline = deepFreeze(readEvents(problems, host.config.events ?? {}, host.config.integrationNames));
  report(problems);
  const rules = createRuleSet(inline);
  // Fields no page can ever give (a password or card name): said at load, not at the first submit.
  const warn = (definitions: readonly Definition[]) => {
    for (const text of definitions.flatMap(unreadFields)) {
      logWarning(text);
      if (!host.ruleProblems?.includes(text)) host.ruleProblems?.push(text);
    }
  };
  warn(inline);
  rules.onChange(warn);
  host.rules = rules;
  if (host.config.rulesUrl) void followRulesUrl({ host, inline, rules, report });
  return createEventsGate(rules, readPage);
}
