// Entry of the on-demand customerio piece (dist/tally-customerio.js): all of Customer.io, loaded when the `customerio`
// option is set: reading it (modes, identity, key checks), Pipelines, and the Track API's wire format (mapping, limits, 207s).
import { createCustomerio } from './destination';
import type { Pieces } from '../../pieces/contract';
import { useCatalog } from '../../errors';
import { MESSAGES } from '../../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

export { createCustomerio };

({ createCustomerio }) satisfies Pieces['customerio'];
