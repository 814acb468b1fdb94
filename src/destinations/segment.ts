// Segment's Tracking API batch endpoint, also used (with another host and key) for Customer.io's Data Pipelines API.
import { splitBatches, utf8Length, type Limits } from '../batch';
import type { TallyEvent } from '../types';
import type { Destination, DestinationRequest } from './destination';

/** Segment's limits: 32 KB a message, 500 KB and 2,500 messages a batch (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#max-request-size). */
export const SEGMENT_LIMITS: Limits = { maxItemBytes: 32 * 1024, maxBatchBytes: 500 * 1024, maxBatchItems: 2500 };

/**
 * A destination that posts `{batch, sentAt, writeKey}` to `${apiHost}/batch` as `text/plain`, with the key in
 * the body: a CORS-safelisted request, so the browser sends no preflight.
 * @example createSegmentDestination({ writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' })
 */
export function createSegmentDestination(settings: { writeKey: string; apiHost: string; name?: string }): Destination {
  const url = `${settings.apiHost}/batch`;
  const keyJson = JSON.stringify(settings.writeKey);
  return {
    name: settings.name ?? 'Segment.io',
    toRequests(events, sentAt, limits) {
      const envelope = (items: string) => `{"batch":[${items}],"sentAt":"${sentAt}","writeKey":${keyJson}}`;
      const envelopeBytes = utf8Length(envelope(''));
      const { batches, rejected } = splitBatches(events, JSON.stringify, { ...SEGMENT_LIMITS, ...limits }, envelopeBytes);
      const requests = batches.map((batch): DestinationRequest => ({
        url,
        body: envelope(batch.parts.join(',')),
        headers: { 'Content-Type': 'text/plain' },
        messageIds: batch.items.map((event: TallyEvent) => event.messageId),
        bytes: envelopeBytes + batch.bytes,
      }));
      return { requests, rejected: rejected.map(({ item, reason }) => ({ event: item, reason })) };
    },
  };
}
