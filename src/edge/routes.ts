// The edge's paths under its base path, and where each goes upstream. The words are neutral on purpose: block lists
// (EasyPrivacy, uBlock Origin, Brave) match path words such as analytics, segment, track, collect and event.
//
//   <basePath>/s/batch  → Segment          <upstream>/batch          (default https://api.segment.io/v1)
//   <basePath>/p/batch  → Pipelines        <upstream>/batch          (default https://cdp.customer.io/v1)
//   <basePath>/p/alias  → Pipelines        <upstream>/alias          (its /batch takes no alias)
//   <basePath>/c/1      → Track API v1     <upstream>/api/v1/events  (anonymous events; default https://track.customer.io)
//   <basePath>/c/2      → Track API v2     <upstream>/api/v2/batch   (a known person's batch)
//
// These are exactly the requests tally's destinations make (src/destinations/segment.ts, customerio/track-api.ts);
// the SDK's `edge` option picks the same sub-paths (customerio/config.ts EDGE_TRACK_PATHS, segment.ts).

/** The service a path belongs to, and the path after that service's upstream base URL. */
export interface Route {
  service: 'segment' | 'customerio' | 'pipelines';
  path: string;
}

export const ROUTES: Readonly<Record<string, Route>> = {
  '/s/batch': { service: 'segment', path: '/batch' },
  '/p/batch': { service: 'pipelines', path: '/batch' },
  '/p/alias': { service: 'pipelines', path: '/alias' },
  '/c/1': { service: 'customerio', path: '/api/v1/events' },
  '/c/2': { service: 'customerio', path: '/api/v2/batch' },
};

/** The route of `pathname` under `basePath`, or undefined for any other path. */
export function findRoute(basePath: string, pathname: string): Route | undefined {
  if (!pathname.startsWith(basePath + '/')) return undefined;
  const rest = pathname.slice(basePath.length);
  return Object.prototype.hasOwnProperty.call(ROUTES, rest) ? ROUTES[rest] : undefined;
}
