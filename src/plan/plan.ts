// The tracking plan: compiled once from Segment Protocols' property form into checker functions, then run per event. Pure.
import { createProblems, describe, isPlainObject, type Problems } from '../config/readers';
import type { TallyEvent } from '../event/types';
import { describeRegexRisk, findRegexRisk } from '../rules/regex-risk';

/** The JSON types a property may have (Protocols' JSON Schema types). */
export type PropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** One property's rules, as Protocols' tracking plan writes them. */
export interface PropertySchema {
  type?: PropertyType | PropertyType[];
  required?: boolean;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  /** The schema of each item of an array. */
  items?: PropertySchema;
  /** The schemas of an object's keys. */
  properties?: Record<string, PropertySchema>;
}

/** What `plan.events[name]` and `plan.traits` hold. */
export interface PlanEntry {
  properties?: Record<string, PropertySchema>;
}

/** What to do with an event: send it, send it with `context.violations`, or drop it. */
export type PlanAction = 'allow' | 'flag' | 'block';

/** The `plan` load option. */
export interface PlanOptions {
  events?: Record<string, PlanEntry>;
  traits?: PlanEntry;
  onViolation?: PlanAction;
  onUnplanned?: PlanAction;
}

/** One broken rule, named as Protocols' forwarded violations name them (violationType, violationField, violationDescription). */
export interface Violation {
  type: 'Required' | 'Type' | 'Pattern' | 'Enum' | 'Minimum' | 'Maximum' | 'Unplanned';
  field: string;
  description: string;
}

type Check = (value: unknown, field: string, out: Violation[]) => void;

/** A plan ready to check events; built once by compilePlan. */
export interface CompiledPlan {
  onViolation: PlanAction;
  onUnplanned: PlanAction;
  /** The broken rules of `event`; empty when it follows the plan (or the plan says nothing about its type). */
  check(event: Pick<TallyEvent, 'type' | 'event' | 'properties' | 'traits'>): Violation[];
}

const TYPES: readonly PropertyType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const ACTIONS: readonly PlanAction[] = ['allow', 'flag', 'block'];
const KEYWORDS = new Set(['type', 'required', 'pattern', 'enum', 'minimum', 'maximum', 'items', 'properties', 'description']);

/** `value` when it is a plain object; otherwise records `field: expected an object` and returns an empty one. */
function readPlainObject(problems: Problems, field: string, value: unknown): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  problems.add(field, `expected an object, got ${describe(value)}`);
  return {};
}

/**
 * Compiles a plan. Never throws: a bad entry is recorded in `problems` with its path (`plan.events["X"].properties.total.type`)
 * and skipped (that property goes unchecked); the rest of the plan applies.
 * @example compilePlan({ events: { 'Signed Up': { properties: { plan: { type: 'string', required: true } } } } })
 */
export function compilePlan(input: unknown, problems: Problems = createProblems()): CompiledPlan {
  const plan = readPlainObject(problems, 'plan', input) ?? {};
  const action = (key: 'onViolation' | 'onUnplanned', fallback: PlanAction): PlanAction => {
    const value = plan[key];
    if (value === undefined) return fallback;
    if (ACTIONS.includes(value as PlanAction)) return value as PlanAction;
    problems.add(`plan.${key}`, `expected 'allow', 'flag' or 'block', got ${describe(value)}; using '${fallback}'`);
    return fallback;
  };
  const events = new Map<string, Check>();
  const eventInput = plan.events === undefined ? undefined : readPlainObject(problems, 'plan.events', plan.events);
  for (const [name, entry] of Object.entries(eventInput ?? {}))
    events.set(name, compileEntry(problems, `plan.events[${JSON.stringify(name)}]`, entry));
  const traits = plan.traits === undefined ? undefined : compileEntry(problems, 'plan.traits', plan.traits);
  const onViolation = action('onViolation', 'flag');
  const onUnplanned = action('onUnplanned', 'allow');

  return {
    onViolation,
    onUnplanned,
    check(event) {
      const out: Violation[] = [];
      if (event.type === 'track' && eventInput) {
        const check = events.get(event.event ?? '');
        if (check) check(event.properties ?? {}, 'properties', out);
        else out.push({ type: 'Unplanned', field: 'event', description: `"${event.event}" is not in the tracking plan` });
      } else if (event.type === 'identify' && traits) traits(event.traits ?? {}, 'traits', out);
      return out;
    },
  };
}

/**
 * Checks one event against a plan: the pure function for a site's own unit tests.
 * @example validateEvent(plan, { type: 'track', event: 'Order Completed', properties: { total: -1 } }) // [{ type: 'Minimum', ... }, ...]
 */
export function validateEvent(
  plan: PlanOptions | CompiledPlan,
  event: Pick<TallyEvent, 'type' | 'event' | 'properties' | 'traits'>,
): Violation[] {
  return ('check' in plan && typeof plan.check === 'function' ? plan : compilePlan(plan)).check(event);
}

function compileEntry(problems: Problems, path: string, entry: unknown): Check {
  if (!isPlainObject(entry)) {
    problems.add(path, `expected { properties: { ... } }, got ${describe(entry)}; skipped`);
    return () => undefined;
  }
  return compileObject(problems, `${path}.properties`, entry.properties) ?? (() => undefined);
}

/** Checks an object's keys; undefined when there are no rules to check. */
function compileObject(problems: Problems, path: string, input: unknown): Check | undefined {
  if (input === undefined) return undefined;
  if (!isPlainObject(input)) {
    problems.add(path, `expected an object of property rules, got ${describe(input)}; skipped`);
    return undefined;
  }
  const rules: Array<[string, Check, boolean]> = [];
  for (const [key, schema] of Object.entries(input)) {
    const compiled = compileSchema(problems, `${path}.${key}`, schema);
    if (compiled) rules.push([key, compiled.check, compiled.required]);
  }
  return (value, field, out) => {
    if (!isPlainObject(value)) return;
    for (const [key, check, required] of rules) {
      const inner = value[key];
      if (inner === undefined) {
        if (required) out.push({ type: 'Required', field: `${field}.${key}`, description: `${field}.${key} is required` });
      } else check(inner, `${field}.${key}`, out);
    }
  };
}

/** One property's checker, or undefined (recorded in problems) when its rules cannot be used. */
function compileSchema(problems: Problems, path: string, schema: unknown): { check: Check; required: boolean } | undefined {
  const bad = (keyword: string, expected: string, value: unknown) => {
    problems.add(keyword ? `${path}.${keyword}` : path, `expected ${expected}, got ${describe(value)}; this property is not checked`);
    return undefined;
  };
  if (!isPlainObject(schema)) return bad('', 'an object of rules', schema);
  for (const key of Object.keys(schema))
    if (!KEYWORDS.has(key)) return bad(key, 'no such keyword (type, required, pattern, enum, minimum, maximum, items, properties)', key);
  const { type, required = false, pattern, minimum, maximum } = schema;
  let types: unknown[] | undefined;
  if (type !== undefined) types = Array.isArray(type) ? type : [type];
  if (types && !types.every((entry) => TYPES.includes(entry as PropertyType))) return bad('type', `one of ${TYPES.join(', ')}`, type);
  if (typeof required !== 'boolean') return bad('required', 'true or false', required);
  let regex: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      regex = new RegExp(pattern as string);
      if (typeof pattern !== 'string') throw 0;
    } catch {
      return bad('pattern', 'a regular expression string', pattern);
    }
    // Property values can come from outside (a rule's query or text property): the same ReDoS check as rules' regexes.
    const risk = findRegexRisk(regex.source, regex.flags);
    if (risk)
      return bad(
        'pattern',
        `a pattern that cannot freeze the page (this one ${describeRegexRisk(risk)}; rewrite it without that)`,
        pattern,
      );
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) return bad('enum', 'an array of allowed values', schema.enum);
  if (minimum !== undefined && typeof minimum !== 'number') return bad('minimum', 'a number', minimum);
  if (maximum !== undefined && typeof maximum !== 'number') return bad('maximum', 'a number', maximum);
  const items = schema.items === undefined ? undefined : compileSchema(problems, `${path}.items`, schema.items);
  const nested = compileObject(problems, `${path}.properties`, schema.properties);
  const allowed = schema.enum as unknown[] | undefined;

  const check: Check = (value, field, out) => {
    const actual = typeOf(value);
    if (types && !types.some((expected) => expected === actual || (expected === 'number' && actual === 'integer'))) {
      out.push({ type: 'Type', field, description: `${field} must be ${types.join(' or ')}, got ${actual}` });
      return;
    }
    if (allowed && !allowed.includes(value))
      out.push({ type: 'Enum', field, description: `${field} must be one of ${JSON.stringify(allowed)}` });
    if (regex && typeof value === 'string' && !regex.test(value))
      out.push({ type: 'Pattern', field, description: `${field} must match /${pattern}/` });
    if (typeof value === 'number') {
      if (minimum !== undefined && value < minimum)
        out.push({ type: 'Minimum', field, description: `${field} must be at least ${minimum}` });
      if (maximum !== undefined && value > maximum)
        out.push({ type: 'Maximum', field, description: `${field} must be at most ${maximum}` });
    }
    if (items && Array.isArray(value)) value.forEach((item, index) => items.check(item, `${field}[${index}]`, out));
    if (nested) nested(value, field, out);
  };
  return { check, required };
}

/** The JSON type of a value; whole numbers are 'integer' (and also count as 'number'). */
function typeOf(value: unknown): PropertyType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as PropertyType;
}
