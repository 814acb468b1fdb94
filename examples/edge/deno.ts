// The edge on Deno (or Deno Deploy): Deno.serve takes the Fetch handler as it is.
// Run: SEGMENT_WRITE_KEYS=key1 CUSTOMERIO_SITE_ID=… CUSTOMERIO_API_KEY=… deno run --allow-net --allow-env --allow-read examples/edge/deno.ts
// (with TALLY_EDITOR_TOKEN, also --unstable-kv, and --allow-write for a KV file)
// In your project: import { createEdge } from 'tally/edge' (Deno: 'npm:tally/edge').
import { createEdge, denoKvStore } from '../../dist/edge.mjs';
import { optionsFromEnv } from './options-from-env.mjs';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  openKv(path?: string): Promise<Parameters<typeof denoKvStore>[0]>;
  serve(options: object, handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>): unknown;
};

const env = Deno.env.toObject();
// The rules workspace (with TALLY_EDITOR_TOKEN) in Deno KV (Deno Deploy's own; locally a file, or :memory:).
const kv = env.TALLY_EDITOR_TOKEN ? await Deno.openKv(env.DENO_KV_PATH) : undefined;
const edge = createEdge(optionsFromEnv(env, kv && (() => denoKvStore(kv))));
// The visitor's address: Deno's remoteAddr (behind a proxy, the edge reads X-Forwarded-For instead).
Deno.serve({ port: Number(env.PORT ?? 8790), hostname: env.HOST ?? '127.0.0.1' }, (request, info) =>
  edge(request, { clientAddress: info.remoteAddr.hostname }),
);
