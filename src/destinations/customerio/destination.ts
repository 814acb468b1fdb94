// Customer.io: the Track API destination (v2 batches for known people, v1 events for anonymous visitors), or Pipelines.
import type { Limits } from '../../delivery/batch';
import { attempt, logWarning } from '../../api/errors';
import { nonEmpty } from '../../config/readers';
import { SEGMENT_LIMITS, createSegmentDestination } from '../segment';
import { toCustomerio, type Report } from './mapping';
import type { CustomerioConfig } from './config';
import { packRequests, type Destination } from '../destination';

/** Track API v2 limits: 32 KB an item and 500 KB a batch, as Segment's (https://docs.customer.io/api/track/#operation/batch). */
export const CUSTOMERIO_LIMITS: Limits = { ...SEGMENT_LIMITS, maxBatchItems: 1e4 };
/** At most 100 requests a second: Customer.io's documented rate limit is not strictly enforced; plan for 100 rps. */
export const CUSTOMERIO_REQUEST_GAP_MS = 10;
/** Anonymous events have no batch endpoint: one request each, whatever the limits (toCustomerio checked their size). */
const ONE_EACH: Limits = { maxItemBytes: Infinity, maxBatchBytes: Infinity, maxBatchItems: 1 };

/**
 * The Customer.io destination for a validated config: Pipelines (Segment's batch format on cdp.customer.io) when
 * it has a writeKey, else the Track API, whose `prepare` stamps each event with its person so a queued event
 * stands alone. Warns once when a Track API key sits in the page with no relay in front.
 * @example customerioDestination(config.customerio)
 */
export function customerioDestination(config: CustomerioConfig, report: Report = logWarning): Destination {
  const { writeKey, apiHost, identifyBy, authorization } = config;
  if (writeKey) return createSegmentDestination({ writeKey, apiHost, name: 'Customer.io' });
  if (config.exposed) report('customerio.apiKey is public in this page: use a writeKey or a relay apiHost');
  const key = identifyBy === 'email' ? 'email' : 'id';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization) headers.Authorization = authorization;

  return {
    name: 'Customer.io',
    requestGapMs: CUSTOMERIO_REQUEST_GAP_MS,
    prepare(event, identity) {
      // group and alias are not mapped (see docs/customerio.md); an anonymous visitor has no identify.
      if (event.type === 'group' || event.type === 'alias') return undefined;
      const person = nonEmpty(identifyBy === 'id' ? event.userId : identity.traits[identifyBy]);
      if (person) return { ...event, context: { ...event.context, cio: person } };
      return event.type === 'identify' ? undefined : event;
    },
    toRequests(events, _sentAt, limits) {
      // A known person's events go in v2 batches; an anonymous visitor's, to v1 one by one. An event toCustomerio
      // cannot map is rejected with its reason by splitBatches.
      const pack = (person: boolean, path: string, limits: Limits, wrap: (items: string) => string) =>
        packRequests(
          events.filter((event) => !!event.context.cio === person),
          (event) => JSON.stringify(toCustomerio(event, key, report)),
          limits,
          wrap,
          apiHost + path,
          headers,
        );
      const both = [
        pack(false, '/api/v1/events', ONE_EACH, (item) => item),
        pack(true, '/api/v2/batch', { ...CUSTOMERIO_LIMITS, ...limits }, (items) => `{"batch":[${items}]}`),
      ];
      return { requests: both.flatMap((packed) => packed.requests), rejected: both.flatMap((packed) => packed.rejected) };
    },
    readResponse({ messageIds }, response) {
      // 207: the items at errors[].batch_index were refused; the others were accepted.
      if (response.status !== 207) return undefined;
      const reasons: string[] = [];
      // An unreadable 207 body: the status says the batch was taken.
      attempt(() => {
        for (const error of JSON.parse(response.body).errors)
          reasons[error.batch_index] = `Customer.io refused it: ${error.reason} ${error.field} ${error.message}`;
      });
      return {
        done: messageIds.filter((_, index) => !reasons[index]),
        drop: messageIds.flatMap((messageId, index) => (reasons[index] ? [{ messageId, reason: reasons[index] }] : [])),
      };
    },
  };
}
