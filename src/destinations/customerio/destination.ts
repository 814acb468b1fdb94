// Customer.io: Pipelines (Segment's batch format on cdp.customer.io) or the Track API, whose wire format is the on-demand
// customerio piece (src/destinations/customerio/piece.ts): a page that does not use it does not download it.
import { TallyError, describeEvent, logWarning } from '../../errors';
import { nonEmpty } from '../../config/readers';
import { utf8Length } from '../batch';
import type { JsonObject } from '../../event/types';
import { createSegmentDestination } from '../segment';
import { readCustomerio, type CustomerioConfig, type CustomerioOptions } from './config';
import type { Report } from './mapping';
import type { CustomerioPiece, TrackApi } from './track-api';
import type { Destination, DestinationEntry } from '../destination';

/** At most 100 requests a second: Customer.io's documented rate limit is not strictly enforced; plan for 100 rps. */
export const CUSTOMERIO_REQUEST_GAP_MS = 10;

/**
 * The Customer.io destination for a validated config: Pipelines (Segment's batch format on cdp.customer.io) when
 * it has a writeKey, else the Track API, whose `prepare` stamps each event with its person so a queued event
 * stands alone. The Track API's requests come from the customerio piece: the dispatcher waits for `ready` before it
 * builds any. Warns once when an apiKey is in the page config, whatever else is set (config.keyWarning).
 * @example customerioDestination(config.customerio, loadPiece)
 */
export function customerioDestination(
  config: CustomerioConfig,
  loadPiece: (name: 'customerio') => Promise<CustomerioPiece>,
  report: Report = logWarning,
): Destination {
  const { writeKey, apiHost, identifyBy } = config;
  if (config.keyWarning) report(config.keyWarning);
  // Pipelines' /batch takes no alias (its OpenAPI lists identify, track, page, screen, group): alias goes to /alias.
  if (writeKey) return createSegmentDestination({ writeKey, apiHost, name: 'Customer.io', ownEndpoint: ['alias'] });
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
      // A cut identifier is reported with the event it was found on.
      const person = identifyPerson(identifyBy, event.userId, identity.traits, (message) =>
        report(`${message}, in ${describeEvent(event)}`),
      );
      if (person) return { ...event, context: { ...event.context, cio: person.value, cioBy: person.by } };
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

/** Customer.io's limit on an identifier's value (https://docs.customer.io/api/track/ "Track API limits"). */
export const MAX_IDENTIFIER_BYTES = 150;

/**
 * Who an event is about, by `identifyBy`: `'id'` the userId, `'email'` the email trait, `'idOrEmail'` the userId when
 * there is one and the email otherwise, any other name that trait (sent as an id). A value over 150 bytes cannot
 * identify anyone: it is reported and the event is anonymous.
 * @example identifyPerson('idOrEmail', null, { email: 'ann@example.com' }, report) // { value: 'ann@example.com', by: 'email' }
 */
export function identifyPerson(
  identifyBy: string,
  userId: string | null | undefined,
  traits: JsonObject,
  report: Report,
): { value: string; by: 'id' | 'email' } | undefined {
  const candidates: Array<[unknown, 'id' | 'email']> = [];
  if (identifyBy === 'id' || identifyBy === 'idOrEmail') candidates.push([userId, 'id']);
  if (identifyBy === 'email' || identifyBy === 'idOrEmail') candidates.push([traits.email, 'email']);
  if (!['id', 'email', 'idOrEmail'].includes(identifyBy)) candidates.push([traits[identifyBy], 'id']);
  for (const [candidate, by] of candidates) {
    const value = nonEmpty(candidate);
    if (!value) continue;
    if (utf8Length(value) <= MAX_IDENTIFIER_BYTES) return { value, by };
    report(`Customer.io limits: a person's ${by} is over ${MAX_IDENTIFIER_BYTES} bytes; not used to identify them`);
  }
  return undefined;
}

/** Customer.io in the destination registry: the `customerio` option, off when `integrations['Customer.io']` is false. */
export const customerioEntry: DestinationEntry<CustomerioConfig, CustomerioOptions, 'customerio'> = {
  key: 'customerio',
  name: 'Customer.io',
  read: (problems, input, load) => (load.integrations['Customer.io'] === false ? null : readCustomerio(problems, input, load.edge)),
  // The customerio piece's file registers what src/destinations/customerio/piece.ts exports, which satisfies CustomerioPiece.
  create: (settings, host) => customerioDestination(settings, (name) => host.loadPiece(name) as Promise<CustomerioPiece>),
};
