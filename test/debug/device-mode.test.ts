// Debug mode names the Segment workspace's device-mode destinations, which analytics.js would have loaded into the page
// and tally does not run: read from the settings analytics.js reads (the shape of analytics-next's CDNSettings), from
// the default CDN only when events go to Segment itself, else from a set `segment.cdnURL` (tests never reach Segment).
import { describe, expect, it, vi } from 'vitest';
import { checkDeviceMode, deviceModeDestinations, settingsSource } from '../../src/debug/device-mode';
import { createConfig } from '../../src/config/config';

/** Workspace settings as cdn.segment.com/v1/projects/<writeKey>/settings answers them (fields trimmed). */
const SETTINGS = {
  integrations: {
    'Segment.io': { apiKey: 'KEY', apiHost: 'api.segment.io/v1' },
    'Google Analytics 4 Web': { type: 'browser', versionSettings: { componentTypes: ['browser'] } },
    Hotjar: { versionSettings: { componentTypes: ['browser'] } },
    Mixpanel: { versionSettings: { componentTypes: ['browser', 'server'] }, bundlingStatus: 'unbundled' },
    Intercom: { type: 'server', versionSettings: { componentTypes: ['server'] } },
    'Facebook Pixel': { type: 'browser', versionSettings: { componentTypes: ['browser'] } },
  },
  remotePlugins: [
    {
      name: 'Braze Web Mode (Actions)',
      creationName: 'Braze',
      url: 'https://cdn.segment.com/next-integrations/actions/braze/x.js',
      libraryName: 'brazeDestination',
      settings: {},
    },
  ],
};

describe('deviceModeDestinations', () => {
  it('names classic integrations with a browser component (not unbundled) and Actions device-mode plugins', () => {
    expect(deviceModeDestinations(SETTINGS, {})).toEqual([
      'Google Analytics 4 Web',
      'Hotjar',
      'Facebook Pixel',
      'Braze Web Mode (Actions)',
    ]);
  });

  it('leaves out what the load-level integrations turn off, as analytics-next does', () => {
    expect(deviceModeDestinations(SETTINGS, { All: false, Hotjar: true })).toEqual(['Hotjar']);
    expect(deviceModeDestinations(SETTINGS, { 'Facebook Pixel': false })).not.toContain('Facebook Pixel');
  });

  it('reads nothing from settings of another shape', () => {
    expect(deviceModeDestinations(null, {})).toEqual([]);
    expect(deviceModeDestinations({ integrations: [1], remotePlugins: 'x' }, {})).toEqual([]);
  });
});

describe('where the settings are read', () => {
  const source = (options: object) => settingsSource(createConfig('WK', options as never));
  it('the default CDN only when events go to Segment itself; a set cdnURL always; nowhere without Segment', () => {
    expect(source({})).toBe('https://cdn.segment.com/v1/projects/WK/settings');
    expect(source({ segment: { apiHost: 'https://events.eu1.segmentapis.com/v1' } })).toBe(
      'https://cdn.segment.com/v1/projects/WK/settings',
    );
    expect(source({ segment: { apiHost: 'http://127.0.0.1:8787/v1' } })).toBeUndefined();
    expect(source({ edge: '/t' })).toBeUndefined();
    expect(source({ edge: '/t', segment: { cdnURL: 'http://127.0.0.1:8080' } })).toBe('http://127.0.0.1:8080/v1/projects/WK/settings');
    expect(source({ integrations: { 'Segment.io': false } })).toBeUndefined();
  });
});

describe('checkDeviceMode', () => {
  const config = createConfig('WK', { segment: { apiHost: 'http://collector.test/v1', cdnURL: 'http://collector.test' } });

  it('says which destinations will not run, and where to read what to do', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(SETTINGS)));
    vi.stubGlobal('fetch', fetch);
    const say = vi.fn();
    await checkDeviceMode(config, say);
    expect(fetch).toHaveBeenCalledWith('http://collector.test/v1/projects/WK/settings', { credentials: 'omit' });
    const [title, lines] = say.mock.calls[0];
    expect(title).toBe('Segment device-mode destinations');
    expect(lines.map((line: { text: string }) => line.text)).toEqual([
      'Google Analytics 4 Web: device mode in your Segment workspace; tally does not load it, so it gets nothing from this page',
      'Hotjar: device mode in your Segment workspace; tally does not load it, so it gets nothing from this page',
      'Facebook Pixel: device mode in your Segment workspace; tally does not load it, so it gets nothing from this page',
      'Braze Web Mode (Actions): device mode in your Segment workspace; tally does not load it, so it gets nothing from this page',
      'what to do instead: docs/migrating.md',
    ]);
    vi.unstubAllGlobals();
  });

  it('says when there are none, or when the settings cannot be read, and never throws', async () => {
    const say = vi.fn();
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ integrations: { 'Segment.io': {} } })));
    await checkDeviceMode(config, say);
    vi.stubGlobal('fetch', async () => new Response('no', { status: 404 }));
    await checkDeviceMode(config, say);
    expect(say.mock.calls.map(([, lines]) => lines[0].text)).toEqual([
      'none in the workspace settings: every destination gets events cloud-mode',
      'could not read the workspace settings (http://collector.test/v1/projects/WK/settings answered 404); check by hand: docs/migrating.md',
    ]);
    vi.unstubAllGlobals();
  });
});
