// A one-line result summary for CI logs: "e2e summary: 12 passed, 0 failed, 1 skipped, 0 flaky (34.2s)".
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0, flaky: 0 };

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    const outcome = test.outcome();
    if (outcome === 'expected') this.counts.passed += 1;
    else if (outcome === 'skipped') this.counts.skipped += 1;
    else if (outcome === 'flaky') this.counts.flaky += 1;
    else this.counts.failed += 1;
  }

  onEnd(result: FullResult) {
    const { passed, failed, skipped, flaky } = this.counts;
    const seconds = (result.duration / 1000).toFixed(1);
    console.log(
      `e2e summary: ${passed} passed, ${failed} failed, ${skipped} skipped, ${flaky} flaky (${seconds}s) status=${result.status}`,
    );
  }

  printsToStdio() {
    return false;
  }
}
