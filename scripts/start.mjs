// npm start: install what is missing, build, then serve the examples with the local collector and the live event viewer.
import { execSync } from 'node:child_process';
import { ensurePackages } from './ensure.mjs';
import { startUrls } from './start-urls.mjs';

ensurePackages();
execSync('npx rollup -c', { stdio: 'inherit' });
const { startCollector } = await import('../collector/server.mjs');
const sitePort = Number(process.env.SITE_PORT ?? 8080);
const apiPort = Number(process.env.API_PORT ?? 8787);
// The picker (?tally_pick=1) saves rules into examples/rules/*.json: the demo's rules change on reload, without touching HTML.
const collector = await startCollector({ sitePort, apiPort, saveRules: true });
const lines = startUrls(collector);
const width = Math.max(...lines.map(([name]) => name.length)) + 2;
console.log(`
tally is running (${lines.length} URLs; the example pages send to Segment and Customer.io at the local collector, the snippet example through the edge).
${lines.map(([name, url]) => `  ${(name + ':').padEnd(width)}${url}`).join('\n')}

Open the example site, click around, and watch the events arrive in the viewer. Ctrl-C stops.`);
