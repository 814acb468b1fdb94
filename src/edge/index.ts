// tally/edge: the server half. One Fetch handler for the site's own origin, and an adapter for node:http.
export { createEdge, type EdgeHandler, type EdgePlatform } from './handler';
export { toNodeListener } from './node';
export { EdgeConfigError, type EdgeOptions, type RulesOptions } from './options';
export { memoryStore, type RulesStore } from './rules/store';
export { fileStore } from './rules/file-store';
export { kvStore, type KvNamespaceLike } from './rules/kv-store';
export { denoKvStore, type DenoKvLike, type DenoKvAtomicLike } from './rules/deno-kv-store';
