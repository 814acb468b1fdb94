// Touches location and history: a cross-domain landing adopts the anonymousId its link carried before the first event,
// and takes the parameters out of the address bar (the links are decorated by the extras piece: src/extras/cross-domain-links.ts).
import { readLanding, TIMESTAMP_PARAM } from './cross-domain';
import { safely } from '../errors';

/**
 * A landing from a cross-domain link (the query carries `tally_ts`): adopts `ajs_aid` when the click is recent and takes
 * both parameters out of the address bar. Returns the query string the rest of the load reads (the ajs_ query string).
 */
export function landCrossDomain(search: string, adopt: (anonymousId: string) => void): string {
  if (!search.includes(TIMESTAMP_PARAM + '=')) return search;
  const landing = readLanding(search, Date.now());
  if (!landing) return search;
  if (landing.anonymousId) adopt(landing.anonymousId);
  safely(() => history.replaceState(history.state, '', location.pathname + landing.search + location.hash));
  return landing.search;
}
