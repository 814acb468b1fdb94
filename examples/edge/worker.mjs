// The edge as a Cloudflare Worker (routed on your own zone at /t/*, so it is first-party). Secrets are Worker bindings:
// wrangler secret put CUSTOMERIO_API_KEY. The visitor's IP is CF-Connecting-IP.
// In your project: import { createEdge } from 'tally/edge' (Deno: 'npm:tally/edge').
import { createEdge, kvStore } from '../../dist/edge.mjs';
import { optionsFromEnv } from './options-from-env.mjs';

let edge;

export default {
  fetch(request, env) {
    // The rules workspace (with the TALLY_EDITOR_TOKEN secret) in the RULES KV namespace ([[kv_namespaces]] in wrangler.toml).
    edge ??= createEdge(optionsFromEnv(env, env.RULES && (() => kvStore(env.RULES))));
    return edge(request, { clientAddress: request.headers.get('cf-connecting-ip') });
  },
};
