// npm start: install what is missing, build, then serve the examples with the local collector and the live event viewer.
import { execSync } from 'node:child_process';
import { ensurePackages } from './ensure.mjs';
import { startUrls } from './start-urls.mjs';

ensurePackages();
execSync('npx rollup -c', { stdio: 'inherit' });
const { startCollector } = await import('../collector/server.mjs');
const sitePort = Number(process.env.SITE_PORT ?? 8080);
const apiPort = Number(process.env.API_PORT ?? 8787);
// The edge hosts the demo's rules in examples/rules/workspace: the picker (?tally_pick=1) saves drafts, previews, publishes.
const collector = await startCollector({ sitePort, apiPort, persistRules: true });
const { open, configure } = startUrls(collector);
const width = Math.max(...[...open, ...configure].map(([name]) => name.length)) + 2;
const list = (lines) => lines.map(([name, url]) => `  ${(name + ':').padEnd(width)}${url}`).join('\n');
console.log(`
tally is running: the example pages send to Segment and Customer.io at the local collector, the snippet example through the edge.

Open in a browser (${open.length}):
${list(open)}

Base URLs to configure in your own page's load() options (${configure.length}; not pages to open):
${list(configure)}

Editor token for the picker's Save draft / Publish (development only; set TALLY_EDITOR_TOKEN to choose one):
  ${collector.editorToken}

Open the example site, click around, and watch the events arrive in the viewer. Ctrl-C stops.`);
