// Customer.io in the destination registry (core): its names only. Reading its option, its identity modes and its key
// checks are the customerio piece's (src/destinations/customerio/piece.ts): a page without Customer.io downloads none of it.
import { readObject } from '../../config/readers';
import { deferredDestination } from '../deferred';
import type { DestinationEntry } from '../destination';
import type { CustomerioOptions, CustomerioPiece, CustomerioSettings } from './config';

/** The `customerio` option as given (with load()'s edge), validated by the piece; off when `integrations['Customer.io']` is false. */
export const customerioEntry: DestinationEntry<CustomerioSettings, CustomerioOptions, 'customerio'> = {
  key: 'customerio',
  name: 'Customer.io',
  read: (problems, input, load) =>
    input === undefined || load.integrations['Customer.io'] === false
      ? null
      : { ...readObject(problems, 'customerio', input), edge: load.edge },
  create: (settings, host) =>
    deferredDestination(
      'Customer.io',
      (host.loadPiece('customerio') as Promise<CustomerioPiece>).then((piece) => piece.createCustomerio(settings, host.reportProblems)),
    ),
};
