// Fault injection: a list of rules checked before the API origin answers a tracking request.

/**
 * A rule: { status?, count = 1, headers?, body?, destination?, writeKey?, hang?, reset?, delayMs?, matchEvent? }.
 * `matchEvent` is an event name / messageId (string) or an object whose fields must all equal an event's. `delayMs` holds
 * the answer back that long: the fault's status then, or the service's own answer when the rule has no status.
 */
export function matchesRule(rule, request) {
  if (rule.destination && rule.destination !== request.destination) return false;
  if (rule.writeKey && rule.writeKey !== request.writeKey) return false;
  if (rule.matchEvent === undefined) return true;
  return (request.events || []).some((event) => matchesEvent(rule.matchEvent, event));
}

/** True when one event is the marked one. */
export function matchesEvent(matcher, event) {
  if (typeof matcher === 'string') return event.event === matcher || event.messageId === matcher;
  return Object.entries(matcher).every(([key, value]) => JSON.stringify(event[key]) === JSON.stringify(value));
}

/** Normalises a rule from the control API, naming the bad field. */
export function normalizeRule(input) {
  if (input === null || typeof input !== 'object') throw new TypeError('fault rule must be an object');
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new TypeError('fault.count must be a positive integer');
  const delayMs = input.delayMs ?? 0;
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new TypeError('fault.delayMs must be a non-negative integer');
  if (!input.hang && !input.reset && !delayMs && !Number.isInteger(input.status)) {
    throw new TypeError('fault.status is required unless hang, reset or delayMs is set');
  }
  return {
    status: input.status,
    count,
    headers: input.headers || {},
    body: input.body,
    destination: input.destination,
    writeKey: input.writeKey,
    hang: Boolean(input.hang),
    reset: Boolean(input.reset),
    delayMs,
    matchEvent: input.matchEvent,
  };
}

/** The live rule list: add, take (consumes one use of the first matching rule), list, remove (one rule by id), clear. */
export function createFaults() {
  let rules = [];
  let nextId = 1;
  return {
    add(input) {
      const rule = { id: nextId++, ...normalizeRule(input) };
      rules.push(rule);
      return rule;
    },
    take(request) {
      const rule = rules.find((candidate) => matchesRule(candidate, request));
      if (!rule) return undefined;
      rule.count -= 1;
      if (rule.count === 0) rules = rules.filter((candidate) => candidate !== rule);
      return rule;
    },
    list: () => rules.map((rule) => ({ ...rule })),
    remove(id) {
      rules = rules.filter((rule) => rule.id !== id);
    },
    clear(writeKey) {
      rules = writeKey ? rules.filter((rule) => rule.writeKey !== writeKey) : [];
    },
  };
}
