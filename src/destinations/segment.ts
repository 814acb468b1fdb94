// Segment's Tracking API batch endpoint, also used (with another host and key) for Customer.io's Data Pipelines API.
import type { Limits } from '../delivery/batch';
import { packRequests, type Destination } from './destination';

/** Segment's limits: 32 KB a message, 500 KB and 2,500 messages a batch (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#max-request-size). */
export const SEGMENT_LIMITS: Limits = { maxItemBytes: 32 * 1024, maxBatchBytes: 500 * 1024, maxBatchItems: 2500 };

/**
 * A destination that posts `{batch, sentAt, writeKey}` to `${apiHost}/batch` as `text/plain`, with the key in
 * the body: a CORS-safelisted request, so the browser sends no preflight.
 * @example createSegmentDestination({ writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' })
 */
export function createSegmentDestination({
  writeKey,
  apiHost,
  name = 'Segment.io',
}: {
  writeKey: string;
  apiHost: string;
  name?: string;
}): Destination {
  const keyJson = JSON.stringify(writeKey);
  const headers = { 'Content-Type': 'text/plain' };
  return {
    name,
    toRequests: (events, sentAt, limits) =>
      packRequests(
        events,
        JSON.stringify,
        { ...SEGMENT_LIMITS, ...limits },
        (items) => `{"batch":[${items}],"sentAt":"${sentAt}","writeKey":${keyJson}}`,
        apiHost + '/batch',
        headers,
      ),
  };
}
