// The edge on Node (node:http), e.g. behind your site's reverse proxy at /t. Credentials come from the environment.
// Run: SEGMENT_WRITE_KEYS=key1 CUSTOMERIO_SITE_ID=… CUSTOMERIO_API_KEY=… PORT=8790 node examples/edge/node.mjs
import { createServer } from 'node:http';
import { createEdge, fileStore, toNodeListener } from 'tally/edge';
import { optionsFromEnv } from './options-from-env.mjs';

// The rules workspace (with TALLY_EDITOR_TOKEN): one file per version in RULES_DIR, written atomically.
const edge = createEdge(optionsFromEnv(process.env, () => fileStore(process.env.RULES_DIR ?? './rules')));
const server = createServer(toNodeListener(edge)).listen(Number(process.env.PORT ?? 8790), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`tally edge listening on http://${process.env.HOST ?? '127.0.0.1'}:${server.address().port}/t`);
});
