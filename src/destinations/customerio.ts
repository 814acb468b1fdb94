// Customer.io: the Track API destination (v2 batches for known people, v1 events for anonymous visitors), or Pipelines.
import { splitBatches, utf8Length } from '../batch';
import { attempt, logWarning } from '../errors';
import { createSegmentDestination } from './segment';
import { toCustomerio, type Report } from './customerio-mapping';
import type { CustomerioConfig } from '../customerio-config';
import type { TallyEvent } from '../types';
import type { Destination, DestinationRequest } from './destination';

/** Track API v2 limits: 32 KB an item, 500 KB a batch (https://docs.customer.io/api/track/#operation/batch). */
export const CUSTOMERIO_LIMITS = { maxItemBytes: 32 * 1024, maxBatchBytes: 500 * 1024, maxBatchItems: 1e4 };
/** At most 100 requests a second: Customer.io's documented rate limit is not strictly enforced; plan for 100 rps. */
export const CUSTOMERIO_REQUEST_GAP_MS = 10;

/**
 * The Customer.io destination for a validated config: Pipelines (Segment's batch format on cdp.customer.io) when
 * it has a writeKey, else the Track API. Warns once when a Track API key sits in the page with no relay in front.
 * @example customerioDestination(config.customerio)
 */
export function customerioDestination(config: CustomerioConfig, report: Report = logWarning): Destination {
  if (config.writeKey) return createSegmentDestination({ writeKey: config.writeKey, apiHost: config.apiHost, name: 'Customer.io' });
  if (config.exposed) report('customerio.apiKey is public in this page: use a writeKey or a relay apiHost');
  return createCustomerioDestination(config, report);
}

/** The Track API destination. `prepare` stamps each event with its person, so a queued event stands alone. */
export function createCustomerioDestination(config: CustomerioConfig, report: Report = logWarning): Destination {
  const { identifyBy } = config;
  const key = identifyBy === 'email' ? 'email' : 'id';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.authorization) headers.Authorization = config.authorization;
  const request = (path: string, body: string, events: TallyEvent[]): DestinationRequest => ({
    url: config.apiHost + path,
    body,
    headers,
    messageIds: events.map((event) => event.messageId),
    bytes: utf8Length(body),
  });

  return {
    name: 'Customer.io',
    requestGapMs: CUSTOMERIO_REQUEST_GAP_MS,
    prepare(event, identity) {
      // group and alias are not mapped (see docs/customerio.md); an anonymous visitor has no identify.
      if (event.type === 'group' || event.type === 'alias') return undefined;
      const person = identifyBy === 'id' ? event.userId : identity.traits[identifyBy];
      if (typeof person === 'string' && person) return { ...event, context: { ...event.context, cio: person } };
      return event.type === 'identify' ? undefined : event;
    },
    toRequests(events, _sentAt, limits) {
      const rejected: Array<{ event: TallyEvent; reason: string }> = [];
      const requests: DestinationRequest[] = [];
      const people: Array<{ event: TallyEvent; body: unknown }> = [];
      for (const event of events) {
        try {
          const { person, body } = toCustomerio(event, key, report);
          // Anonymous events have no batch endpoint: one request each.
          if (person) people.push({ event, body });
          else requests.push(request('/api/v1/events', JSON.stringify(body), [event]));
        } catch (error) {
          rejected.push({ event, reason: (error as Error).message });
        }
      }
      const split = splitBatches(people, (item) => JSON.stringify(item.body), { ...CUSTOMERIO_LIMITS, ...limits }, 12);
      for (const batch of split.batches) requests.push(request('/api/v2/batch', `{"batch":[${batch.parts.join(',')}]}`, batch.items.map((item) => item.event)));
      for (const { item, reason } of split.rejected) rejected.push({ event: item.event, reason });
      return { requests, rejected };
    },
    readResponse(sent, response) {
      // 207: the items at errors[].batch_index were refused; the others were accepted.
      if (response.status !== 207) return undefined;
      const failed = new Map<string, string>();
      // An unreadable 207 body: the status says the batch was taken.
      attempt(() => {
        for (const error of JSON.parse(response.body).errors) failed.set(sent.messageIds[error.batch_index], `Customer.io refused it: ${error.reason} ${error.field} ${error.message}`);
      });
      return {
        done: sent.messageIds.filter((id) => !failed.has(id)),
        retry: [],
        drop: sent.messageIds.filter((id) => failed.has(id)).map((messageId) => ({ messageId, reason: failed.get(messageId)! })),
      };
    },
  };
}
