// Playwright global setup: one collector for the whole run; its two origins reach the workers through env.
import { startCollector } from '../collector/server.mjs';

export default async function globalSetup() {
  const collector = await startCollector({ host: '127.0.0.1', sitePort: 0, apiPort: 0 });
  process.env.TALLY_SITE_URL = collector.siteUrl;
  process.env.TALLY_API_URL = collector.apiUrl;
  // The rules editor token of the collector's edges (e2e/picker.spec.ts publishes with it).
  process.env.TALLY_EDITOR_TOKEN = collector.editorToken;
  // Returned function is Playwright's global teardown.
  return async () => {
    await collector.close();
  };
}
