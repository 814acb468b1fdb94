// Installs what a fresh machine lacks: npm packages (npm ci) and, with --browser, Debian's Chromium for the e2e tests.
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

/** Debian's Chromium: `npx playwright install` cannot download browsers here. */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  run(`${sudo}apt-get update && ${sudo}apt-get install -y chromium`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensurePackages();
  if (process.argv.includes('--browser')) ensureChromium();
}
