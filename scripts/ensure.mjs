// Installs what a fresh machine lacks: npm packages (npm ci) and, with --browser, Debian's three engines for the e2e tests
// (Playwright's own browser builds cannot be downloaded here).
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const run = (command) => {
  console.log(`$ ${command}`);
  execSync(command, { stdio: 'inherit' });
};

/** npm ci when node_modules is missing or older than the lock file. */
export function ensurePackages() {
  const stale =
    !existsSync('node_modules/.package-lock.json') ||
    statSync('package-lock.json').mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs;
  if (stale) run('npm ci --no-audit --no-fund');
}

/** Each engine's Debian packages, and the file that says they are installed. */
export const ENGINE_PACKAGES = [
  { engine: 'Chromium', file: CHROMIUM_PATH, packages: ['chromium'] },
  { engine: 'Firefox', file: '/usr/bin/firefox-esr', packages: ['firefox-esr'] },
  // WebKitGTK's WebDriver (it brings libwebkit2gtk, whose folder holds MiniBrowser) and a virtual display for it.
  { engine: 'WebKit', file: '/usr/bin/WebKitWebDriver', packages: ['webkit2gtk-driver'] },
  { engine: 'WebKit', file: '/usr/bin/Xvfb', packages: ['xvfb'] },
];

/**
 * Debian's Chromium, Firefox ESR and WebKitGTK WebDriver: `npx playwright install` cannot download browsers here. One
 * apt-get for whatever is missing; when it fails (no root, no mirror), says so loudly: the e2e suite then reports that
 * engine's tests as skipped, with the reason, never as passed.
 */
export function ensureBrowsers() {
  const missing = ENGINE_PACKAGES.filter(({ file }) => !existsSync(file));
  if (!missing.length) return;
  const packages = [...new Set(missing.flatMap((entry) => entry.packages))];
  const engines = [...new Set(missing.map((entry) => entry.engine))].join(', ');
  console.log(`Installing the e2e engines' Debian packages (${engines}): ${packages.join(' ')}`);
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  try {
    run(`${sudo}apt-get update && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`);
  } catch {
    console.error(`\n!!! Could not install ${packages.join(' ')}: ${engines} e2e tests will be SKIPPED (not passed).\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensurePackages();
  if (process.argv.includes('--browser')) ensureBrowsers();
}
