// Entry of the on-demand rules piece (dist/tally-rules.js): reads the `events` option into definitions (each bad one reported
// once, naming event and field) and returns the gate that applies their paths and toggles. Loaded when `events` is set.
import { createProblems } from '../config/readers';
import { deepFreeze } from '../config/freeze';
import { logError } from '../api/errors';
import { readPage } from '../event/environment';
import { readEvents } from './definitions';
import { createEventsGate } from './gate';
import type { Gate } from '../pipeline/gates';
import type { Host } from '../api/types';

/** The events gate for the host's `events` option; keeps the definitions on the host for the tracker piece. */
export function eventsGate(host: Host): Gate {
  const problems = createProblems();
  const definitions = deepFreeze(readEvents(problems, host.config.events, host.config.integrationNames));
  problems.errors.forEach(logError);
  host.definitions = definitions;
  return createEventsGate(definitions, readPage);
}
