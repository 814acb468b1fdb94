// Entry of the on-demand customerio piece (dist/tally-customerio.js): all of Customer.io, loaded when the `customerio`
// option is set: reading it (modes, identity, key checks), Pipelines, and the Track API's wire format (mapping, limits, 207s).
// Its option's problems go to the core (DestinationHost.reportProblems), which says their codes with the messages piece.
import { createCustomerio } from './destination';
import type { Pieces } from '../../pieces/contract';

export { createCustomerio };

({ createCustomerio }) satisfies Pieces['customerio'];
