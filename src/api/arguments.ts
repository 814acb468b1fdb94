// Argument shuffling, as analytics.js does it: page('Pricing'), identify({ plan }), callbacks in any trailing position.
import { ConfigError } from '../errors';
import { isPlainObject, nonEmpty } from '../config/readers';
import type { BufferedPage, Call, EventType, JsonObject } from '../event/types';

const isFunction = (value: unknown): value is Call['callback'] => typeof value === 'function';
const isString = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string | number => isString(value) || Number.isFinite(value);
/** The value when it is a plain object, else a new empty one: properties, traits and options default to `{}`. */
const object = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});

/** Snippet 5 appends `{__t:'bpc', c, p, u, s, t, r}` to buffered calls; takes it off the argument list. */
export function takeBufferedPage(args: unknown[]): BufferedPage | undefined {
  const last = args[args.length - 1];
  if (!isPlainObject(last) || last.__t !== 'bpc') return undefined;
  args.pop();
  const text = (value: unknown) => (isString(value) ? value : '');
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
 * `current` fills identify() and group() without an id (the current user or group), as analytics.js does; it is read
 * only then, so track() does not read the identity twice (the pipeline reads it for the event).
 * @example normalizeCall('page', ['Docs', 'Pricing', { plan: 'pro' }]) // category 'Docs', name 'Pricing'
 */
export function normalizeCall(
  type: EventType,
  input: unknown[],
  current: () => { userId?: string | null; groupId?: string | null } = () => ({}),
): Call {
  const args = input.slice();
  const page = takeBufferedPage(args);
  const callback = args.find(isFunction);
  const [first, second] = args;
  // Each branch below adds the fields of its type, options included.
  const call = { type, callback, page };

  if (type === 'track') {
    // track({ event, properties }, options) reads as track(event, properties, options).
    const [event, properties, options] = isPlainObject(first) ? [first.event, first.properties, second] : args;
    if (!isString(event) || !event.trim()) throw new ConfigError('track(event)', '', 'T120', event);
    return { ...call, event, properties: object(properties), options: object(options) };
  }
  if (type === 'page' || type === 'screen') {
    // As analytics-next: one string is the name; two are category and name, each in its own position.
    // One object is the properties, unless it stands fourth (options); two are both.
    const strings = args.filter(isString);
    const two = strings.length === 2;
    const objects = args.filter(isPlainObject);
    const alone = objects.length === 1 && !isPlainObject(args[2]) && isPlainObject(args[3]);
    let name: string | undefined;
    if (strings.length === 1) name = strings[0];
    else if (two && isString(second)) name = second;
    return {
      ...call,
      category: two && isString(first) ? first : undefined,
      name,
      properties: alone ? {} : object(objects[0]),
      options: object(objects[alone ? 0 : 1]),
    };
  }
  if (type === 'alias') {
    const [to, from] = args.map((arg) => (typeof arg === 'number' ? String(arg) : arg)).filter(isString);
    if (!to) throw new ConfigError('alias(userId)', '', 'T121', args[0]);
    return { ...call, userId: to, previousId: from ?? null, options: object(args.find(isPlainObject)) };
  }
  // identify() and group(): (id?, traits?, options?), any of them left out, read up to the callback.
  // A first argument that is neither an id nor null/undefined is the traits.
  const upToCallback = callback ? args.slice(0, args.indexOf(callback)) : args;
  const [id, traits, options] = isId(first) || first == null ? upToCallback : [undefined, ...upToCallback];
  const key = type === 'identify' ? 'userId' : 'groupId';
  const resolved = isId(id) ? String(id) : current()[key];
  if (type === 'group' && !resolved) throw new ConfigError('group(groupId)', '', 'T122', id);
  return { ...call, [key]: resolved ?? null, traits: object(traits), options: object(options) };
}
