// The edge on Bun: Bun.serve takes the Fetch handler as it is.
// Run: SEGMENT_WRITE_KEYS=key1 CUSTOMERIO_SITE_ID=… CUSTOMERIO_API_KEY=… bun examples/edge/bun.ts
// In your project: import { createEdge } from 'tally/edge' (Deno: 'npm:tally/edge').
import { createEdge, fileStore } from '../../dist/edge.mjs';
import { optionsFromEnv } from './options-from-env.mjs';

interface BunServer {
  port: number;
  requestIP(request: Request): { address: string } | null;
}
declare const Bun: { env: Record<string, string | undefined>; serve(options: object): BunServer };

// The rules workspace (with TALLY_EDITOR_TOKEN): Bun runs the file store (node:fs) as Node does.
const edge = createEdge(optionsFromEnv(Bun.env, () => fileStore(Bun.env.RULES_DIR ?? './rules')));
const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 8790),
  hostname: Bun.env.HOST ?? '127.0.0.1',
  // The visitor's address: Bun's requestIP (behind a proxy, the edge reads X-Forwarded-For instead).
  fetch: (request: Request, bunServer: BunServer) => edge(request, { clientAddress: bunServer.requestIP(request)?.address }),
});
console.log(`tally edge listening on port ${server.port}`);
