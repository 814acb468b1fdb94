// Where each engine lives on this machine (Debian's packages: Playwright's own builds cannot be downloaded here), and
// whether it is there. scripts/ensure.mjs installs what is missing; a missing engine makes its tests skip, saying why.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from './types';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Pages a test serves through route() while offline have no address space, so Local Network Access would block their
  // requests to the loopback collector; real sites are not concerned.
  '--disable-features=LocalNetworkAccessChecks',
];

export const FIREFOX_PATH = process.env.TALLY_FIREFOX_PATH || '/usr/bin/firefox-esr';
/** Playwright launches this relay as the browser; it starts FIREFOX_PATH (see firefox-bidi.mjs for why). */
export const FIREFOX_RELAY = fileURLToPath(new URL('./firefox-bidi.mjs', import.meta.url));

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const XVFB = '/usr/bin/Xvfb';

/** MiniBrowser ships inside WebKitGTK's library folder, whose name carries the API version (webkit2gtk-4.1, webkitgtk-6.0). */
export function miniBrowserPath(): string | undefined {
  const base = '/usr/lib/x86_64-linux-gnu';
  let folders: string[] = [];
  try {
    folders = readdirSync(base).filter((name) => /^webkit(2)?gtk-/.test(name));
  } catch {
    return undefined;
  }
  return folders.map((folder) => `${base}/${folder}/MiniBrowser`).find((path) => existsSync(path));
}

/** Why an engine cannot run here, or undefined when it can. */
export function missing(engine: Engine): string | undefined {
  if (engine === 'chromium') return existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} not found (apt-get install chromium)`;
  if (engine === 'firefox') return existsSync(FIREFOX_PATH) ? undefined : `${FIREFOX_PATH} not found (apt-get install firefox-esr)`;
  const absent = [
    existsSync(WEBKIT_DRIVER) ? '' : WEBKIT_DRIVER,
    miniBrowserPath() ? '' : 'MiniBrowser',
    existsSync(XVFB) || process.env.DISPLAY ? '' : XVFB,
  ].filter(Boolean);
  return absent.length ? `${absent.join(', ')} not found (apt-get install webkit2gtk-driver xvfb)` : undefined;
}
