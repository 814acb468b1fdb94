// npm test: install what is missing (packages; Chromium, Firefox ESR and WebKitGTK's WebDriver), lint (ESLint + Prettier),
// the import-cycle check, type-check, build, run the unit tests, then the e2e suite in all three engines. Ends with one line
// "tests: N passed, N failed, N skipped" that counts the lint step (one check each for ESLint, Prettier and the cycle check)
// and both suites.
import { spawnSync, execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureBrowsers, ensurePackages } from './ensure.mjs';

ensurePackages();
ensureBrowsers();

// Lint first: a finding fails the run, and is counted as a failed check in the closing line. depcruise fails on any import
// cycle in src/, type-only imports counted (.dependency-cruiser.cjs).
const lint = ['eslint .', 'prettier --check .', 'depcruise src --config .dependency-cruiser.cjs'].map((command) => {
  console.log(`$ npx ${command}`);
  return spawnSync('npx', command.split(' '), { stdio: 'inherit' }).status === 0;
});
// The tests and e2e specs are type-checked too (test/tsconfig.json): a test that no longer matches the code's types fails here.
execSync('npx tsc -p tsconfig.json --noEmit && npx tsc -p test/types && npx tsc -p test', { stdio: 'inherit' });
execSync('npx rollup -c', { stdio: 'inherit' });

const extra = process.argv.slice(2);
// Outside test-results/, which Playwright empties when it starts.
const unitReport = resolve('.reports/unit.json');
const e2eReport = resolve('.reports/e2e.json');
mkdirSync('.reports', { recursive: true });
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

const unit = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], {
  stdio: 'inherit',
});
const e2e = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...extra], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport, TALLY_JSON_REPORT: '1' },
});

const counts = { passed: lint.filter(Boolean).length, failed: lint.filter((ok) => !ok).length, skipped: 0 };
try {
  const report = JSON.parse(readFileSync(unitReport, 'utf8'));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests + (report.numTotalTestSuites && !report.success && !report.numFailedTests ? 1 : 0);
  counts.skipped += report.numPendingTests + report.numTodoTests;
} catch {
  counts.failed += 1; // the unit run produced no report: count it as a failure
}
try {
  const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
} catch {
  counts.failed += 1;
}
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(unit.status === 0 && e2e.status === 0 && counts.failed === 0 ? 0 : 1);
