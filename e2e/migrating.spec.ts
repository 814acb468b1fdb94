// Migrating from analytics.js (docs/migrating.md): with debug on, the page names the Segment workspace's device-mode
// destinations tally will not run, read from the settings analytics.js reads. The collector serves those settings on
// the site origin (segment.cdnURL points there): the test never reaches cdn.segment.com.
import { expect, test } from './fixtures';

const overlay = (selector: string) => `tally-debug >>> ${selector}`;

test('debug mode names the device-mode destinations of the workspace settings, on the panel', async ({ page, collector }) => {
  const settings = {
    integrations: {
      'Segment.io': { apiKey: collector.writeKey },
      Hotjar: { type: 'browser', versionSettings: { componentTypes: ['browser'] } },
      Mixpanel: { versionSettings: { componentTypes: ['browser', 'server'] }, bundlingStatus: 'unbundled' },
    },
    remotePlugins: [{ name: 'Braze Web Mode (Actions)', creationName: 'Braze', url: '', libraryName: 'b', settings: {} }],
  };
  await collector.servePage(JSON.stringify(settings), `/v1/projects/${collector.writeKey}/settings`, { type: 'application/json' });
  const options = { segment: { apiHost: `${collector.apiUrl}/v1`, cdnURL: collector.siteUrl } };
  const url = await collector.servePage(collector.snippetPage({ page: false, options }));
  await page.goto(`${url}?tally_debug=1`);
  const note = async () => (await page.texts(overlay('li.note'))).find((text) => text.includes('Segment device-mode destinations')) ?? '';
  await expect.poll(note, { timeout: 8000 }).toContain('Braze Web Mode (Actions): device mode');
  const text = await note();
  expect(text).toContain('Hotjar: device mode in your Segment workspace; tally does not load it');
  expect(text).not.toContain('Mixpanel');
  expect(text).toContain('docs/migrating.md');
});
