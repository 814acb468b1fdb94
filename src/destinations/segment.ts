// Segment's Tracking API batch endpoint, also used (with another host and key) for Customer.io's Data Pipelines API.
import type { Limits } from './batch';
import { fieldsOf, readApiHost, readChoice, readString, type Problems } from '../config/readers';
import { packRequests, type Destination, type DestinationEntry, type LoadContext } from './destination';

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
  ownEndpoint = [],
}: {
  writeKey: string;
  apiHost: string;
  name?: string;
  /** Event types the service takes only at their own endpoint (`${apiHost}/alias`), one per request, not in /batch. */
  ownEndpoint?: readonly string[];
}): Destination {
  const keyJson = JSON.stringify(writeKey);
  const headers = { 'Content-Type': 'text/plain' };
  return {
    name,
    toRequests(events, sentAt, limits) {
      const batched = packRequests(
        events.filter((event) => !ownEndpoint.includes(event.type)),
        JSON.stringify,
        { ...SEGMENT_LIMITS, ...limits },
        (items) => `{"batch":[${items}],"sentAt":"${sentAt}","writeKey":${keyJson}}`,
        apiHost + '/batch',
        headers,
      );
      if (!ownEndpoint.length) return batched;
      // Each one alone: its JSON with sentAt and writeKey added at the end of the object.
      const single = events
        .filter((event) => ownEndpoint.includes(event.type))
        .map((event) =>
          packRequests(
            [event],
            (one) => JSON.stringify(one).slice(0, -1),
            { ...SEGMENT_LIMITS, ...limits, maxBatchItems: 1 },
            (item) => `${item},"sentAt":"${sentAt}","writeKey":${keyJson}}`,
            `${apiHost}/${event.type}`,
            headers,
          ),
        );
      const all = [batched, ...single];
      return { requests: all.flatMap((packed) => packed.requests), rejected: all.flatMap((packed) => packed.rejected) };
    },
  };
}

export const DEFAULT_SEGMENT_API_HOST = 'https://api.segment.io/v1';

/** The `segment` load() option. */
export interface SegmentOptions {
  /** The source's write key; defaults to load()'s first argument. */
  writeKey?: string;
  /** A full URL (`http://127.0.0.1:8787/v1`) or analytics.js's host-and-path form (`api.segment.io/v1`, https assumed). */
  apiHost?: string;
  /**
   * Debug mode only: where the workspace settings are read to name device-mode destinations tally will not run
   * (analytics-next's `cdnURL`, default `https://cdn.segment.com`; read by default only when events go to Segment directly).
   */
  cdnURL?: string;
}

/** Segment's validated settings. */
export interface SegmentSettings {
  writeKey: string;
  apiHost: string;
  /** Set only when the option is: the debug piece's device-mode check reads the workspace settings there. */
  cdnURL?: string;
}

/**
 * The `segment` option (`{ writeKey, apiHost }`), or analytics.js's `integrations['Segment.io']: { apiHost, protocol }`.
 * null without a write key, or when the load-level integrations turn Segment off.
 */
export function readSegment(problems: Problems, input: unknown, load: LoadContext): SegmentSettings | null {
  const read = fieldsOf(problems, 'segment', input);
  const io = load.integrations['Segment.io'];
  const analyticsJs = fieldsOf(problems, "integrations['Segment.io']", typeof io === 'object' ? io : undefined);
  const protocol = analyticsJs('protocol', readChoice, ['https', 'http'] as const, 'https');
  const writeKey = read('writeKey', readString) ?? load.writeKey;
  const ownHost = read('apiHost', readApiHost) ?? analyticsJs('apiHost', readApiHost, protocol);
  // Through the edge: its Segment path (the edge forwards to Segment, or to the apiHost it was given).
  const apiHost = load.edge ? `${load.edge}/s` : (ownHost ?? DEFAULT_SEGMENT_API_HOST);
  const cdnURL = read('cdnURL', readApiHost);
  read.unknown();
  // As analytics-next: `All: false` at load turns Segment off too, unless 'Segment.io' is true.
  const off = io === false || (load.integrations.All === false && !io);
  if (!writeKey || off) return null;
  return cdnURL ? { writeKey, apiHost, cdnURL } : { writeKey, apiHost };
}

/** Segment's Tracking API in the destination registry. */
export const segmentEntry: DestinationEntry<SegmentSettings, SegmentOptions, 'segment'> = {
  key: 'segment',
  name: 'Segment.io',
  read: readSegment,
  create: (settings) => createSegmentDestination(settings),
};
