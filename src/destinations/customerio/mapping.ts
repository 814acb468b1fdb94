// Customer.io Track API mapping, pure: a Segment-spec event becomes a v2 batch item (a known person) or a v1 anonymous event.
import { utf8Length } from '../batch';
import { describeEvent } from '../../errors';
import type { JsonObject, TallyEvent } from '../../event/types';

/** Customer.io's Track API limits (https://docs.customer.io/api/track/ "Track API limits"), enforced before sending. */
export const MAX_ATTRIBUTES = 300;
export const MAX_ATTRIBUTE_NAME_BYTES = 150;
export const MAX_ATTRIBUTE_VALUE_BYTES = 1000;
export const MAX_EVENT_NAME_BYTES = 100;
export const MAX_EVENT_DATA_BYTES = 100_000;

/** Told of each cut the limits make; tally logs each distinct message once. */
export type Report = (message: string) => void;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** A date string or milliseconds become whole seconds; a number already in seconds (or anything else) is kept. */
function toSeconds(created: unknown): unknown {
  let ms = NaN;
  if (typeof created === 'string') ms = Date.parse(created);
  else if (typeof created === 'number' && created > 1e11) ms = created;
  return isNaN(ms) ? created : Math.floor(ms / 1000);
}

/** Customer.io's name for an event: a track's event, a page's URL, a screen's name. */
function nameOf(event: TallyEvent, data: JsonObject): unknown {
  if (event.type === 'track') return event.event;
  if (event.type === 'page') return data.url ?? event.context.page?.url;
  return event.name;
}

/** Which identifier prepare() chose for the person (`context.cioBy`), else the destination's own. */
export const identifierKey = (event: TallyEvent, key: 'email' | 'id'): 'email' | 'id' =>
  event.context.cioBy === 'email' || event.context.cioBy === 'id' ? event.context.cioBy : key;

/**
 * Maps a track, page, screen or identify event that prepare() stamped with its person (`context.cio`, absent for an
 * anonymous visitor). Timestamps are unix seconds; the event `id` is the messageId when it is a ULID (Customer.io's
 * dedupe key). A known person's event becomes a v2 batch item, an anonymous visitor's a v1 event body.
 * Throws a TypeError naming the reason when the event cannot be sent at all.
 * @example toCustomerio(trackEvent, 'email', report) // { type: 'person', identifiers: { email }, action: 'event', name, id, timestamp, attributes }
 */
export function toCustomerio(event: TallyEvent, key: 'email' | 'id', reportAny: Report): JsonObject {
  const { type, messageId, anonymousId } = event;
  // Each cut names the event it was made in.
  const report: Report = (message) => reportAny(`${message}, in ${describeEvent(event)}`);
  const person = event.context.cio;
  let data = event.properties ?? {};
  let name: string | undefined;
  if (type === 'identify') {
    const { createdAt, ...traits } = event.traits ?? {};
    const created = traits.created_at ?? createdAt;
    if (created !== undefined) {
      // A date string or milliseconds become whole seconds; a number already in seconds (or anything else) is kept.
      traits.created_at = toSeconds(created);
    }
    // Identified by email, the app's user id goes along as the `id` attribute (a reserved attribute of the Track API), so
    // `identify('user-42', { email })` reaches Customer.io with both; by id, the email is one of the traits already.
    const by = identifierKey(event, key);
    if (by === 'email' && event.userId && utf8Length(event.userId) <= 150 && traits.id === undefined) traits.id = event.userId;
    data = limitAttributes({ ...traits, anonymous_id: anonymousId }, report);
  } else {
    if (utf8Length(JSON.stringify(data)) > MAX_EVENT_DATA_BYTES) throw new TypeError(`data over ${MAX_EVENT_DATA_BYTES} bytes`);
    name = cutName(String(nameOf(event, data) ?? '').trim(), report);
    if (!name) throw new TypeError('no name');
  }
  const action = type === 'track' ? 'event' : type;
  // An identify has no name and no id.
  const id = name && ULID.test(messageId) ? messageId : undefined;
  const timestamp = Math.floor(Date.parse(event.timestamp) / 1000);
  return person
    ? { type: 'person', identifiers: { [identifierKey(event, key)]: person as string }, action, name, id, timestamp, attributes: data }
    : { anonymous_id: anonymousId, type: action, name, id, timestamp, data };
}

/** Keeps the attributes Customer.io accepts: names up to 150 bytes, values up to 1,000, at most 300 of them. */
export function limitAttributes(input: JsonObject, report: Report): JsonObject {
  const kept: JsonObject = {};
  let count = 0;
  for (const [name, value] of Object.entries(input)) {
    if (
      utf8Length(name) > MAX_ATTRIBUTE_NAME_BYTES ||
      utf8Length(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')) > MAX_ATTRIBUTE_VALUE_BYTES ||
      ++count > MAX_ATTRIBUTES
    ) {
      report(`Customer.io limits: attribute ${name.slice(0, 40)} not sent`);
    } else kept[name] = value;
  }
  return kept;
}

/** An event name cut to Customer.io's 100 bytes, reporting the cut. */
export function cutName(name: string, report: Report): string {
  let cut = name.slice(0, MAX_EVENT_NAME_BYTES);
  while (utf8Length(cut) > MAX_EVENT_NAME_BYTES) cut = cut.slice(0, -1);
  if (cut !== name) report(`Customer.io limits: event name cut to ${cut}`);
  return cut;
}
