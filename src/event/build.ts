// Builds a Segment-spec event from a normalised call: a pure function of (call, page, identity, device context, clock).
import { nonEmpty } from '../config/readers';
import { toCampaign, toPageContext } from './page-context';
import type { BufferedPage, Call, JsonObject, PageContext, TallyEvent } from './types';

/** Who the event is about, as the identity store holds it at call time (after the call's own update). */
export interface EventIdentity {
  anonymousId: string;
  userId: string | null;
  traits: JsonObject;
  groupId: string | null;
  groupTraits: JsonObject;
}

/** The library name and version every event carries in `context.library`. */
export const LIBRARY = { name: 'tally', version: '__TALLY_VERSION__' };

/** What every event of a page load shares: the pipeline's own inputs carry them, and are passed as they are. */
export interface EventInputs {
  /** userAgent, locale, timezone, screen: read once per page view. */
  device: JsonObject;
  /** Load-level integration toggles; a call's `options.integrations` overrides them. */
  integrations: Readonly<Record<string, boolean>>;
}

/**
 * The event Segment's spec describes for `call` (https://segment.com/docs/connections/spec/common/), made on `calledOn`
 * by `identity` at `now`, unless the call's options override them.
 * @example buildEvent({ type: 'track', event: 'Signed Up', properties: {}, options: {} }, inputs, identity, page, Date.now(), ulid()).event // 'Signed Up'
 */
export function buildEvent(
  call: Call,
  inputs: EventInputs,
  identity: EventIdentity,
  calledOn: BufferedPage,
  now: number,
  messageId: string,
): TallyEvent {
  const { type, properties = {} } = call;
  // These options set top-level fields; any other option key goes into context, as analytics.js does.
  const { integrations, context: given = {}, timestamp, anonymousId, userId, messageId: givenMessageId, ...rest } = call.options;
  const { page, campaign } = pageContextOf(calledOn);
  const overrides = { ...rest, ...given };
  // As analytics.js: page-context keys given as page properties (page({ path: '/virtual' })) describe the page.
  const pageProperties: JsonObject = {};
  if (type === 'page') for (const key in page) if (key in properties) pageProperties[key] = properties[key];
  const context: TallyEvent['context'] = {
    ...inputs.device,
    library: LIBRARY,
    ...(campaign && { campaign }),
    ...overrides,
    // A partial page override is merged over the real page, as analytics-next does.
    page: { ...page, ...(overrides.page as object), ...pageProperties },
  };

  const event: TallyEvent = {
    type,
    messageId: nonEmpty(givenMessageId) ?? messageId,
    timestamp: toTimestamp(timestamp, now),
    anonymousId: nonEmpty(anonymousId) ?? identity.anonymousId,
    context,
    integrations: { ...inputs.integrations, ...integrations },
  };
  const user = nonEmpty(userId) ?? identity.userId;
  if (user) event.userId = user;

  if (type === 'track') {
    event.event = call.event;
    event.properties = properties;
  }
  if (type === 'page' || type === 'screen') {
    const all: JsonObject = { ...(type === 'page' ? page : {}), ...properties };
    event.properties = all;
    for (const key of ['category', 'name'] as const) {
      const value = call[key];
      if (!value) continue;
      event[key] = value;
      all[key] = value;
    }
  }
  if (type === 'identify') event.traits = identity.traits;
  // normalizeCall guarantees a group call its groupId and an alias call its userId.
  if (type === 'group') {
    event.groupId = call.groupId ?? '';
    event.traits = identity.groupTraits;
  }
  if (type === 'alias') {
    event.userId = call.userId ?? '';
    event.previousId = call.previousId ?? identity.userId ?? identity.anonymousId;
  }
  return event;
}

/** ISO 8601 with milliseconds; `options.timestamp` may be a Date or a date string (an invalid one is ignored). */
function toTimestamp(value: unknown, now: number): string {
  const given = value instanceof Date || typeof value === 'string' ? new Date(value) : undefined;
  if (given && !isNaN(+given)) return given.toISOString();
  // A burst of calls shares a millisecond: format it once (toISOString is a large part of a track() call).
  if (now !== lastNow) {
    lastNow = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}
let lastNow = NaN;
let lastIso = '';

// Calls on one page share one page object (environment.ts keeps it while the URL and title stay): its context.page
// and campaign are computed once per page object, not per call.
let lastPage: BufferedPage | undefined;
let lastResult: { page: PageContext; campaign?: JsonObject };

function pageContextOf(page: BufferedPage): { page: PageContext; campaign?: JsonObject } {
  if (page !== lastPage) {
    lastPage = page;
    lastResult = { page: toPageContext(page), campaign: toCampaign(page.search) };
  }
  return lastResult;
}
