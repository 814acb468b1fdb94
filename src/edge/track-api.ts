// What the edge forwards to Customer.io's Track API with the key only it holds: exactly what tally's mapper sends
// (src/destinations/customerio/mapping.ts), item by item. The key can delete, suppress and merge people, manage devices
// and objects; a page's visitor must not borrow any of that through the edge. Pure: JSON in, a refusal reason out.
import { isObject } from './json';

/** The v2 item fields tally's mapper writes. */
const ITEM_FIELDS = new Set(['type', 'identifiers', 'action', 'name', 'id', 'timestamp', 'attributes']);
/** The person actions tally's mapper writes (a track is an `event`). */
const ACTIONS = new Set(['identify', 'event', 'page', 'screen']);
/** The v1 anonymous event fields tally's mapper writes. */
const ANONYMOUS_FIELDS = new Set(['anonymous_id', 'type', 'name', 'id', 'timestamp', 'data']);
/** Attributes that address another person or object rather than describe this one. */
const ADDRESSING_ATTRIBUTES = ['cio_id', 'cio_relationships'];
/** Customer.io's limit on an identifier, in UTF-8 bytes. */
const MAX_IDENTIFIER_BYTES = 150;

const isIdentifier = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && new TextEncoder().encode(value).length <= MAX_IDENTIFIER_BYTES;

/**
 * Why a `/api/v2/batch` body must not go upstream (`item 3: action "delete" is not one tally sends`), or undefined when
 * every item is one tally sends: a person's identify, event, page or screen, by one `id` or `email`, all items about one
 * person, and an identify's second identifier (its `email` or `id` attribute) that person's own when the batch says it.
 */
export function refuseTrackBatch(payload: unknown): string | undefined {
  if (!isObject(payload) || !Array.isArray(payload.batch) || Object.keys(payload).some((key) => key !== 'batch'))
    return 'the body is not {"batch":[…]}';
  const person: Record<string, string> = {};
  for (const [index, item] of payload.batch.entries()) {
    const why = refuseItem(item, person);
    if (why) return `item ${index}: ${why}`;
  }
  for (const [index, item] of payload.batch.entries()) {
    const why = refuseSecondIdentifier(item as Record<string, unknown>, person);
    if (why) return `item ${index}: ${why}`;
  }
  return undefined;
}

/** Why one item is not one tally sends; notes its identifier in `person` (one value per kind for the whole batch). */
function refuseItem(item: unknown, person: Record<string, string>): string | undefined {
  if (!isObject(item)) return 'not an object';
  const extra = Object.keys(item).find((key) => !ITEM_FIELDS.has(key));
  if (extra) return `field "${extra}" is not one tally sends`;
  if (item.type !== 'person') return `type ${JSON.stringify(item.type)} is not "person"`;
  if (typeof item.action !== 'string' || !ACTIONS.has(item.action))
    return `action ${JSON.stringify(item.action)} is not one tally sends (identify, event, page, screen)`;
  const identifiers = isObject(item.identifiers) ? item.identifiers : {};
  const [kind] = Object.keys(identifiers);
  const value = identifiers[kind];
  if (Object.keys(identifiers).length !== 1 || (kind !== 'id' && kind !== 'email') || !isIdentifier(value))
    return 'identifiers must be one id or one email, a string of at most 150 bytes';
  if (person[kind] !== undefined && person[kind] !== value) return `addresses a second person (${kind} differs from item 0's person)`;
  person[kind] = value;
  if (item.action !== 'identify' && (typeof item.name !== 'string' || !item.name)) return 'an event needs a name';
  if (item.attributes !== undefined && !isObject(item.attributes)) return 'attributes must be an object';
  const addressing = ADDRESSING_ATTRIBUTES.find((name) => isObject(item.attributes) && name in item.attributes);
  return addressing ? `attribute "${addressing}" addresses another person or object` : undefined;
}

/** An identify's `email` (by id) or `id` (by email) attribute must not name someone other than the batch's person. */
function refuseSecondIdentifier(item: Record<string, unknown>, person: Record<string, string>): string | undefined {
  if (item.action !== 'identify' || !isObject(item.attributes)) return undefined;
  for (const kind of ['id', 'email']) {
    const value = item.attributes[kind];
    if (value !== undefined && person[kind] !== undefined && value !== person[kind])
      return `attribute "${kind}" names another person than the batch's own`;
  }
  return undefined;
}

/** Why a `/api/v1/events` body is not the anonymous event tally sends, or undefined when it is. */
export function refuseAnonymousEvent(payload: unknown): string | undefined {
  if (!isObject(payload)) return 'the body is not an object';
  const extra = Object.keys(payload).find((key) => !ANONYMOUS_FIELDS.has(key));
  if (extra) return `field "${extra}" is not one tally sends`;
  if (!isIdentifier(payload.anonymous_id)) return 'anonymous_id must be a string of at most 150 bytes';
  if (payload.type !== undefined && !['event', 'page', 'screen'].includes(payload.type as string))
    return `type ${JSON.stringify(payload.type)} is not one tally sends (event, page, screen)`;
  if (typeof payload.name !== 'string' || !payload.name) return 'an event needs a name';
  return payload.data !== undefined && !isObject(payload.data) ? 'data must be an object' : undefined;
}
