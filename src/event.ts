// Builds a Segment-spec event from a normalised call: a pure function of (call, page, identity, device context, clock).
import { nonEmpty } from './check';
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

/** Everything besides the call that goes into an event. */
export interface EventInputs {
  identity: EventIdentity;
  page: BufferedPage;
  /** userAgent, locale, timezone, screen: read once per page view. */
  device: JsonObject;
  library: { name: string; version: string };
  /** Load-level integration toggles; a call's `options.integrations` overrides them. */
  integrations: Readonly<Record<string, boolean>>;
  now: number;
  messageId: string;
}

const TOP_LEVEL_OPTIONS = new Set(['integrations', 'context', 'timestamp', 'anonymousId', 'userId', 'messageId']);

/**
 * The event Segment's spec describes for `call` (https://segment.com/docs/connections/spec/common/).
 * @example buildEvent({ type: 'track', event: 'Signed Up', properties: {}, options: {} }, inputs).event // 'Signed Up'
 */
export function buildEvent(call: Call, inputs: EventInputs): TallyEvent {
  const { options } = call;
  const { identity } = inputs;
  const page = pageContextOf(inputs.page);
  const context: TallyEvent['context'] = { ...inputs.device, library: inputs.library, page: page.context };
  if (page.campaign) context.campaign = page.campaign;
  for (const key in options) if (!TOP_LEVEL_OPTIONS.has(key)) context[key] = options[key];
  if (options.context) Object.assign(context, options.context, { page: { ...page.context, ...(options.context.page as object) } });
  if (call.type === 'page') {
    // As analytics.js: page-context keys given as page properties (page({ path: '/virtual' })) describe the page.
    for (const key in page.context) if (call.properties && key in call.properties) context.page = { ...context.page!, [key]: call.properties[key] };
  }

  const event: TallyEvent = {
    type: call.type,
    messageId: nonEmpty(options.messageId) ?? inputs.messageId,
    timestamp: toTimestamp(options.timestamp, inputs.now),
    anonymousId: nonEmpty(options.anonymousId) ?? identity.anonymousId,
    context,
    integrations: { ...inputs.integrations, ...options.integrations },
  };
  const userId = nonEmpty(options.userId) ?? identity.userId;
  if (userId) event.userId = userId;

  switch (call.type) {
    case 'track':
      event.event = call.event;
      event.properties = call.properties ?? {};
      break;
    case 'page':
    case 'screen':
      event.properties = { ...(call.type === 'page' ? page.context : {}), ...call.properties };
      if (call.category) event.category = event.properties.category = call.category;
      if (call.name) event.name = event.properties.name = call.name;
      break;
    case 'identify':
      event.traits = identity.traits;
      break;
    case 'group':
      event.groupId = call.groupId ?? identity.groupId ?? undefined;
      event.traits = identity.groupTraits;
      break;
    case 'alias':
      event.userId = call.userId ?? undefined;
      event.previousId = call.previousId ?? identity.userId ?? identity.anonymousId;
      break;
  }
  return event;
}

/** ISO 8601 with milliseconds; `options.timestamp` may be a Date or a date string (an invalid one is ignored). */
function toTimestamp(value: unknown, now: number): string {
  if (value instanceof Date || typeof value === 'string') {
    const date = new Date(value);
    if (!isNaN(+date)) return date.toISOString();
  }
  // A burst of calls shares a millisecond: format it once (toISOString is a large part of a track() call).
  if (now !== lastNow) (lastNow = now), (lastIso = new Date(now).toISOString());
  return lastIso;
}
let lastNow = NaN;
let lastIso = '';

// Calls on one page share one context.page object: it is computed once per distinct page, not per call.
let lastPage: BufferedPage | undefined;
let lastResult: { context: PageContext; campaign?: JsonObject } = { context: { path: '', referrer: '', search: '', title: '', url: '' } };

function pageContextOf(page: BufferedPage): { context: PageContext; campaign?: JsonObject } {
  if (
    lastPage &&
    lastPage.href === page.href &&
    lastPage.title === page.title &&
    lastPage.canonical === page.canonical &&
    lastPage.referrer === page.referrer
  ) {
    return lastResult;
  }
  lastPage = page;
  lastResult = { context: toPageContext(page), campaign: toCampaign(page.search) };
  return lastResult;
}
