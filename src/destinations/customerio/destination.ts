// Customer.io: Pipelines (Segment's batch format on cdp.customer.io) or the Track API, whose wire format is the on-demand
// customerio piece (src/destinations/customerio/piece.ts): a page that does not use it does not download it.
import { TallyError, logWarning } from '../../api/errors';
import { nonEmpty } from '../../config/readers';
import { createSegmentDestination } from '../segment';
import { readCustomerio, type CustomerioConfig } from './config';
import type { Report } from './mapping';
import type { TrackApi } from './track-api';
import type { DestinationEntry } from '../registry';
import type { Destination } from '../destination';
import type { LoadPiece } from '../../pieces/loader';

/** At most 100 requests a second: Customer.io's documented rate limit is not strictly enforced; plan for 100 rps. */
export const CUSTOMERIO_REQUEST_GAP_MS = 10;

/**
 * The Customer.io destination for a validated config: Pipelines (Segment's batch format on cdp.customer.io) when
 * it has a writeKey, else the Track API, whose `prepare` stamps each event with its person so a queued event
 * stands alone. The Track API's requests come from the customerio piece: the dispatcher waits for `ready` before it
 * builds any. Warns once when a Track API key sits in the page with no relay in front.
 * @example customerioDestination(config.customerio, loadPiece)
 */
export function customerioDestination(config: CustomerioConfig, loadPiece: LoadPiece, report: Report = logWarning): Destination {
  const { writeKey, apiHost, identifyBy } = config;
  if (writeKey) return createSegmentDestination({ writeKey, apiHost, name: 'Customer.io' });
  if (config.exposed) report('customerio.apiKey is public in this page: use a writeKey or a relay apiHost');
  let trackApi: TrackApi | undefined;
  const ready = loadPiece('customerio').then((piece) => {
    trackApi = piece.createTrackApi(config, report);
  });
  const requireTrackApi = (): TrackApi => {
    if (!trackApi) throw new TallyError("Customer.io's Track API piece is not loaded");
    return trackApi;
  };

  return {
    name: 'Customer.io',
    requestGapMs: CUSTOMERIO_REQUEST_GAP_MS,
    ready,
    prepare(event, identity) {
      // group and alias are not mapped (see docs/customerio.md); an anonymous visitor has no identify.
      if (event.type === 'group' || event.type === 'alias') return undefined;
      const person = nonEmpty(identifyBy === 'id' ? event.userId : identity.traits[identifyBy]);
      if (person) return { ...event, context: { ...event.context, cio: person } };
      return event.type === 'identify' ? undefined : event;
    },
    toRequests(events, sentAt, limits) {
      return requireTrackApi().toRequests(events, sentAt, limits);
    },
    readResponse(request, response) {
      return requireTrackApi().readResponse?.(request, response);
    },
  };
}

/** Customer.io in the destination registry: the `customerio` option, off when `integrations['Customer.io']` is false. */
export const customerioEntry: DestinationEntry<CustomerioConfig> = {
  key: 'customerio',
  name: 'Customer.io',
  read: (problems, input, load) => (load.integrations['Customer.io'] === false ? null : readCustomerio(problems, input)),
  create: (settings, host) => customerioDestination(settings, host.loadPiece),
};
