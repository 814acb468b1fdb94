// Touches fetch: in debug mode, reads the Segment workspace settings analytics.js would have read at load and names the
// device-mode destinations there, which tally does not run (it sends everything cloud-mode; docs/migrating.md). The
// reading of the settings is pure; only checkDeviceMode fetches.
import { isPlainObject } from '../config/readers';
import type { Config } from '../config/config';
import type { NoteOutput } from './preview';

/** analytics.js's settings host (analytics-next's default `cdnURL`). */
export const DEFAULT_SEGMENT_CDN = 'https://cdn.segment.com';
/** Segment's own Tracking API hosts: with one of them, the check reads the default CDN; elsewhere only a set `cdnURL`. */
const SEGMENT_API = /^https:\/\/(api\.segment\.io|events\.eu1\.segmentapis\.com)\//;

/** The settings URL analytics.js reads for a write key. */
export const settingsUrl = (cdn: string, writeKey: string): string => `${cdn}/v1/projects/${encodeURIComponent(writeKey)}/settings`;

/**
 * The destinations analytics.js would load into the page from these settings, as analytics-next decides it: classic
 * integrations that have a browser component and are not `unbundled` (Segment's own and load-level `false` ones left out),
 * then the device-mode plugins of Actions destinations (`remotePlugins`).
 * @example deviceModeDestinations({ integrations: { Hotjar: { type: 'browser' } } }, {}) // ['Hotjar']
 */
export function deviceModeDestinations(settings: unknown, integrations: Readonly<Record<string, boolean>>): string[] {
  if (!isPlainObject(settings)) return [];
  const off = (name: string) => integrations[name] === false || (integrations.All === false && integrations[name] === undefined);
  const classic = Object.entries(isPlainObject(settings.integrations) ? settings.integrations : {})
    .filter(([name, value]) => !name.startsWith('Segment') && isPlainObject(value) && runsInBrowser(value))
    .map(([name]) => name);
  const plugins = (Array.isArray(settings.remotePlugins) ? settings.remotePlugins : [])
    .map((plugin) => (isPlainObject(plugin) && typeof plugin.name === 'string' ? plugin.name : ''))
    .filter(Boolean);
  return [...new Set([...classic, ...plugins])].filter((name) => !off(name));
}

/** analytics-next's isInstallableIntegration: a browser component, and not marked `unbundled`. */
function runsInBrowser(value: Record<string, unknown>): boolean {
  const versionSettings = isPlainObject(value.versionSettings) ? value.versionSettings : {};
  const components = Array.isArray(versionSettings.componentTypes) ? versionSettings.componentTypes : [];
  return value.bundlingStatus !== 'unbundled' && (value.type === 'browser' || components.includes('browser'));
}

/** Where to read the settings: the set `cdnURL`, else the default CDN when events go to Segment itself; else none. */
export function settingsSource(config: Pick<Config, 'destinations'>): string | undefined {
  const segment = config.destinations.segment as { writeKey: string; apiHost: string; cdnURL?: string } | undefined;
  if (!segment) return undefined;
  const cdn = segment.cdnURL ?? (SEGMENT_API.test(`${segment.apiHost}/`) ? DEFAULT_SEGMENT_CDN : undefined);
  return cdn && settingsUrl(cdn, segment.writeKey);
}

/**
 * Reads the workspace settings and says which device-mode destinations will not run, or that there are none; a failed
 * read says so too (the check is a help, never an error). Does nothing when there is nowhere to read (settingsSource).
 */
export async function checkDeviceMode(config: Pick<Config, 'destinations' | 'integrations'>, say: NoteOutput): Promise<void> {
  const url = settingsSource(config);
  if (!url) return;
  const title = 'Segment device-mode destinations';
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const names = deviceModeDestinations(await response.json(), config.integrations);
    const lines = names.map((name) => ({
      text: `${name}: device mode in your Segment workspace; tally does not load it, so it gets nothing from this page`,
      kind: 'problem' as const,
    }));
    const none = { text: 'none in the workspace settings: every destination gets events cloud-mode', kind: 'fired' as const };
    say(title, lines.length ? [...lines, { text: 'what to do instead: docs/migrating.md', kind: 'problem' }] : [none]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    say(title, [{ text: `could not read the workspace settings (${reason}); check by hand: docs/migrating.md`, kind: 'missed' }]);
  }
}
