// Pure checks of one Segment event, as the Tracking API would judge it; problems are recorded, never rejected.

/** The event types the Tracking API knows. */
export const EVENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'];

/** Segment's dedupe guidance: keep messageId under 100 characters. */
export const MAX_MESSAGE_ID_LENGTH = 100;

const isNonEmptyString = (value) => typeof value === 'string' && value.length > 0;
const isId = (value) => isNonEmptyString(value) || (typeof value === 'number' && Number.isFinite(value));
const isDateString = (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * Lists what is wrong with one event, as short codes (an empty list means a clean event).
 * `impliedType` is the type given by a single-call path such as /v1/track; the body's `type` must agree.
 */
export function validateEvent(event, impliedType) {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return ['not_an_object'];
  const problems = [];
  const type = event.type ?? impliedType;
  if (!EVENT_TYPES.includes(type)) problems.push('unknown_type');
  if (impliedType && event.type !== undefined && event.type !== impliedType) problems.push('type_mismatch');
  if (!isNonEmptyString(event.messageId)) problems.push('missing_message_id');
  else if (event.messageId.length > MAX_MESSAGE_ID_LENGTH) problems.push('message_id_too_long');
  if (!isId(event.userId) && !isId(event.anonymousId)) problems.push('no_user_anon_id');
  if (type === 'track' && !isNonEmptyString(event.event)) problems.push('missing_event');
  if (type === 'group' && !isId(event.groupId)) problems.push('missing_group_id');
  if (type === 'alias') {
    if (!isId(event.previousId)) problems.push('missing_previous_id');
    if (!isId(event.userId)) problems.push('missing_user_id');
  }
  for (const field of ['timestamp', 'sentAt', 'originalTimestamp']) {
    if (event[field] !== undefined && !isDateString(event[field])) problems.push(`invalid_${field}`);
  }
  if (event.context !== undefined && (typeof event.context !== 'object' || event.context === null)) {
    problems.push('invalid_context');
  }
  return problems;
}
