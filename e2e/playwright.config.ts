// Playwright config for tally's e2e tests: Debian Chromium, one shared collector, two workers.
import { defineConfig } from '@playwright/test';

/** `npx playwright install` cannot download here: always Debian's Chromium with these flags. */
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
];

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  workers: 2,
  retries: 0,
  timeout: 30_000,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  globalSetup: './global-setup.ts',
  // npm test adds the json reporter (TALLY_JSON_REPORT) to count e2e results in its closing line.
  reporter: [['list'], ['./summary-reporter.ts'], ...(process.env.TALLY_JSON_REPORT ? ([['json']] as const) : [])],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
