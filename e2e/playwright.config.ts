// Playwright config for tally's e2e tests: every spec in three engines (one project each), one shared collector.
// Chromium runs through Playwright (CDP), Firefox ESR through Playwright over WebDriver BiDi, WebKit through WebKitGTK's
// WebDriver (webdriverio): the fixtures (fixtures.ts, drivers/) give every spec the same page API in all three.
import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './fixtures';
import { ENGINES, type Engine } from './drivers/types';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './drivers/engines';

/** TALLY_ENGINES=chromium,webkit runs only those engines' projects (npm test runs all three). */
const engines = (process.env.TALLY_ENGINES?.split(',') ?? ENGINES).filter((name): name is Engine => ENGINES.includes(name as Engine));

export default defineConfig<object, Pick<WorkerFixtures, 'engine'>>({
  testDir: '.',
  outputDir: '../test-results',
  // Most of a durable test's time is spent waiting (flush intervals, leases, retries): more workers than cores pays.
  workers: Number(process.env.TALLY_E2E_WORKERS) || 3,
  retries: 0,
  timeout: 30_000,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  globalSetup: './global-setup.ts',
  // npm test adds the json reporter (TALLY_JSON_REPORT) to count e2e results in its closing line.
  reporter: [['list'], ['./summary-reporter.ts'], ...(process.env.TALLY_JSON_REPORT ? ([['json']] as const) : [])],
  projects: engines.map((engine) => ({ name: engine, use: { engine } })),
});
