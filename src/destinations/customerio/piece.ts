// Entry of the on-demand customerio piece (dist/tally-customerio.js): the Track API's wire format (mapping, limits, 207s).
// Loaded when the `customerio` option uses the Track API (siteId, or a relay apiHost), not Pipelines.
import { createTrackApi } from './track-api';
import type { Pieces } from '../../pieces/contract';

export { createTrackApi };

({ createTrackApi }) satisfies Pieces['customerio'];
