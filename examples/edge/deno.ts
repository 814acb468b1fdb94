// The edge on Deno (or Deno Deploy): Deno.serve takes the Fetch handler as it is.
// Run: SEGMENT_WRITE_KEYS=key1 CUSTOMERIO_SITE_ID=… CUSTOMERIO_API_KEY=… deno run --allow-net --allow-env --allow-read examples/edge/deno.ts
// In your project: import { createEdge } from 'tally/edge' (Deno: 'npm:tally/edge').
import { createEdge } from '../../dist/edge.mjs';
import { optionsFromEnv } from './options-from-env.mjs';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(options: object, handler: (request: Request) => Promise<Response>): unknown;
};

const env = Deno.env.toObject();
Deno.serve({ port: Number(env.PORT ?? 8790), hostname: env.HOST ?? '127.0.0.1' }, createEdge(optionsFromEnv(env)));
