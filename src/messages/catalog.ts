// The sentences of the core's problem codes (the messages piece, pure): the core reports a code, the field and the value;
// these say what was expected, what it costs and the fix. docs/troubleshooting.md explains every code (a test checks both).
import { describe, type Catalog, type ConfigError } from '../errors';
import { nearestName } from './nearest';

/** What a typo in a top-level option costs: the option it most likely meant is not applied. */
const TYPO_COSTS: Readonly<Record<string, string>> = {
  customerio: 'Customer.io is off',
  segment: 'Segment keeps its defaults',
  events: 'the no-code rules do not run',
  rulesUrl: 'the rules document is not fetched',
  consent: 'consent is not required',
  plan: 'events are not checked against a plan',
  redact: 'nothing is redacted',
  debug: 'debug output is off',
};

/** `expected <what>, got <value>[; using <fallback>]`: the one sentence of a bad value (the fallback is args[0]). */
const expected =
  (what: (problem: ConfigError) => string) =>
  (problem: ConfigError): string =>
    `expected ${what(problem)}, got ${describe(problem.value)}${problem.args[0] === undefined ? '' : '; using ' + describe(problem.args[0])}`;

/** An unknown field: the known field it most likely meant (args[1] lists them) and, for a top-level option, what the typo costs. */
function unknownField({ field, args }: ConfigError): string {
  const key = field.slice(field.lastIndexOf('.') + 1);
  const nearest = nearestName(key, (args[1] as string[] | undefined) ?? []);
  if (!nearest) return 'unknown field';
  const suggestion = `unknown field (did you mean ${nearest}?)`;
  return key === field ? `${suggestion}; ${TYPO_COSTS[nearest] ?? `${nearest} keeps its default`}` : suggestion;
}

/** Every code the core reports, by code. */
export const MESSAGES: Catalog = {
  T101: expected(() => 'true or false'),
  T102: expected(({ args }) => `an integer ${args[1]}-${args[2]}`),
  T103: expected(() => 'a non-empty string'),
  T104: expected(({ args }) => 'one of ' + (args[1] as unknown[]).map(describe).join(', ')),
  T105: expected(() => 'a URL such as "api.segment.io/v1"'),
  T106: expected(() => 'an object'),
  T107: unknownField,
  T108: ({ args }) => `could not be read (${args[1]}); using the default`,
  T109: expected(() => 'a domain such as "example.com" or ".example.com"'),
  T110: expected(() => 'a path starting with "/", without ";", ",", spaces or control characters'),
  T111: expected(() => 'a property name or false'),
  T112: expected(() => 'false or { timeoutMinutes }'),
  T113: expected(({ args }) => `a number of minutes above 0, at most ${args[1]}`),
  T114: expected(() => 'an array of hostnames such as ["app.example.com"]; no link carries the id'),
  T115: expected(() => 'a hostname such as "app.example.com" (no scheme, path or port); links to it keep no id'),
  T120: () => 'must be a non-empty string',
  T121: () => 'must be a string or number',
  T122: () => 'must be a string or number',
  T123: ({ value }) => `${String(value)} is not a tally method`,
};
