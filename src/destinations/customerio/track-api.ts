// Customer.io's Track API wire format (part of the on-demand customerio piece): a known person's events go in v2 batches,
// an anonymous visitor's to v1 one by one; a 207 answer is read item by item.
import type { Limits } from '../batch';
import { attempt } from '../../errors';
import { SEGMENT_LIMITS } from '../segment';
import { identifierKey, toCustomerio, type Report } from './mapping';
import { packRequests, type Destination } from '../destination';
import type { CustomerioConfig } from './config';
import type { TallyEvent } from '../../event/types';

/** Track API v2 limits: 32 KB an item and 500 KB a batch, as Segment's (https://docs.customer.io/api/track/#operation/batch). */
export const CUSTOMERIO_LIMITS: Limits = { ...SEGMENT_LIMITS, maxBatchItems: 1e4 };
/** Anonymous events have no batch endpoint: one request each, whatever the limits (toCustomerio checked their size). */
const ONE_EACH: Limits = { maxItemBytes: Infinity, maxBatchBytes: Infinity, maxBatchItems: 1 };

/** The part of a destination that knows the Track API's requests and answers. */
export type TrackApi = Pick<Destination, 'toRequests' | 'readResponse'>;

/**
 * The Track API's requests and answers for a validated config (events stamped by the destination's prepare()).
 * @example createTrackApi(config, logWarning).toRequests(events, sentAt)
 */
export function createTrackApi(config: CustomerioConfig, report: Report): TrackApi {
  const { apiHost, identifyBy, authorization } = config;
  const key = identifyBy === 'email' ? 'email' : 'id';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization) headers.Authorization = authorization;
  return {
    toRequests(events, _sentAt, limits) {
      // A known person's events go in v2 batches, one person per batch (the edge forwards a batch about one person
      // only: src/edge/track-api.ts); an anonymous visitor's, to v1 one by one. An event toCustomerio cannot map is
      // rejected with its reason by splitBatches.
      const pack = (group: TallyEvent[], path: string, limits: Limits, wrap: (items: string) => string) =>
        packRequests(group, (event) => JSON.stringify(toCustomerio(event, key, report)), limits, wrap, apiHost + path, headers);
      const batchLimits = { ...CUSTOMERIO_LIMITS, ...limits };
      const packed = [
        pack(
          events.filter((event) => !event.context.cio),
          config.paths.anonymous,
          ONE_EACH,
          (item) => item,
        ),
        ...groupByPerson(events, key).map((group) => pack(group, config.paths.batch, batchLimits, (items) => `{"batch":[${items}]}`)),
      ];
      return { requests: packed.flatMap((each) => each.requests), rejected: packed.flatMap((each) => each.rejected) };
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

/** A known person's events, one list per person (identifier kind and value), in the order each person first appears. */
export function groupByPerson(events: readonly TallyEvent[], key: 'email' | 'id'): TallyEvent[][] {
  const groups = new Map<string, TallyEvent[]>();
  for (const event of events) {
    const person = event.context.cio;
    if (!person) continue;
    const id = `${identifierKey(event, key)} ${String(person)}`;
    const group = groups.get(id);
    if (group) group.push(event);
    else groups.set(id, [event]);
  }
  return [...groups.values()];
}
