// tally/edge: the server half. One Fetch handler for the site's own origin, and an adapter for node:http.
export { createEdge, type EdgeHandler, type EdgePlatform } from './handler';
export { toNodeListener } from './node';
export { EdgeConfigError, type EdgeOptions } from './options';
