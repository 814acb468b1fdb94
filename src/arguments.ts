// Argument shuffling, as analytics.js does it: page('Pricing'), identify({ plan }), callbacks in any trailing position.
import { ConfigError } from './errors';
import { isPlainObject, nonEmpty } from './check';
import type { BufferedPage, Call, CallOptions, Callback, EventType, JsonObject } from './types';

const isFunction = (value: unknown): value is Callback => typeof value === 'function';
const isString = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && isFinite(value));
const object = (value: unknown): JsonObject | undefined => (isPlainObject(value) ? value : undefined);

/** Snippet 5 appends `{__t:'bpc', c, p, u, s, t, r}` to buffered calls; takes it off the argument list. */
export function takeBufferedPage(args: unknown[]): BufferedPage | undefined {
  const last = args[args.length - 1];
  if (!isPlainObject(last) || last.__t !== 'bpc') return undefined;
  args.pop();
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    canonical: nonEmpty(last.c),
    pathname: text(last.p),
    href: text(last.u),
    search: text(last.s),
    title: text(last.t),
    referrer: text(last.r),
  };
}

/**
 * Turns a public call's arguments into a Call, or throws a ConfigError naming the bad argument.
 * `currentUserId` / `currentGroupId` fill identify() and group() without an id, as analytics.js does.
 * @example normalizeCall('page', ['Docs', 'Pricing', { plan: 'pro' }]) // category 'Docs', name 'Pricing'
 */
export function normalizeCall(type: EventType, input: unknown[], current: { userId?: string | null; groupId?: string | null } = {}): Call {
  const args = input.slice();
  const page = takeBufferedPage(args);
  const call = shuffle(type, args, current);
  if (page) call.page = page;
  return call;
}

function shuffle(type: EventType, args: unknown[], current: { userId?: string | null; groupId?: string | null }): Call {
  const callback = args.find(isFunction);
  switch (type) {
    case 'track': {
      const [first, second, third] = args;
      const name = isPlainObject(first) ? first.event : first;
      if (!isString(name) || name.trim() === '') throw new ConfigError('track(event)', 'the event name must be a non-empty string');
      const properties = isPlainObject(first) ? object(first.properties) : object(second);
      const options = isPlainObject(first) ? object(second) : object(third);
      return { type, event: name, properties: properties ?? {}, options: options ?? {}, callback };
    }
    case 'page':
    case 'screen': {
      // As analytics-next: one string is the name (the second argument when it is one); two are category and name,
      // each in its own position. One object is the properties, unless it stands fourth (options); two are both.
      const strings = args.filter(isString);
      const name = strings.length === 1 ? (isString(args[1]) ? args[1] : strings[0]) : strings.length === 2 && isString(args[1]) ? args[1] : undefined;
      const category = strings.length === 2 && isString(args[0]) ? args[0] : undefined;
      const objects = args.filter(isPlainObject);
      const alone = objects.length === 1 && !isPlainObject(args[2]) && isPlainObject(args[3]);
      return { type, category, name, properties: alone ? {} : object(objects[0]) ?? {}, options: (alone ? object(objects[0]) : object(objects[1])) ?? {}, callback };
    }
    case 'identify':
    case 'group': {
      const { id, traits, options } = shuffleUserArguments(args);
      const fallback = type === 'identify' ? current.userId : current.groupId;
      const resolved = id === undefined ? fallback : id;
      if (type === 'group' && !resolved) throw new ConfigError('group(groupId)', 'a group id (string or number) is required');
      return { type, [type === 'identify' ? 'userId' : 'groupId']: resolved ?? null, traits: traits ?? {}, options: options ?? {}, callback };
    }
    case 'alias': {
      const [to, from] = args.map((arg) => (typeof arg === 'number' ? String(arg) : arg)).filter(isString);
      if (!to) throw new ConfigError('alias(userId)', 'the new user id must be a string or number');
      const options = object(args.filter(isPlainObject)[0]);
      return { type, userId: to, previousId: from ?? null, options: options ?? {}, callback };
    }
  }
}

/** identify()/group() take (id?, traits?, options?, callback?), any of them left out. */
function shuffleUserArguments(args: unknown[]): { id?: string; traits?: JsonObject; options?: CallOptions } {
  const slots: Array<'options' | 'traits' | 'id'> = ['options', 'traits', 'id'];
  const values: { id?: string; traits?: JsonObject; options?: CallOptions } = {};
  for (const arg of args) {
    if (isFunction(arg)) break;
    let slot = slots.pop();
    if (slot === 'id') {
      if (isId(arg)) {
        values.id = String(arg);
        continue;
      }
      if (arg === null || arg === undefined) continue;
      slot = slots.pop();
    }
    if (slot === 'traits' && isPlainObject(arg)) values.traits = arg;
    if (slot === 'options' && isPlainObject(arg)) values.options = arg;
  }
  return values;
}
