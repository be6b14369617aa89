import { test } from 'uvu';
import * as assert from 'uvu/assert';

/**
 * Says that a suite cannot run for want of `needs` (a Redis, PostgreSQL, a tmpfs): in CI
 * (CI=true) that is a failing test; elsewhere one "skipped" line, and no tests are registered.
 */
export function reportCannotRun(suiteName: string, needs: string, reason: string): void {
  if (process.env.CI === 'true') {
    test(`${suiteName} needs ${needs}`, () => assert.unreachable(`${suiteName} cannot run without ${needs}: ${reason}`));
    test.run();
  } else {
    console.log(`skipped: ${suiteName}: ${reason}`);
  }
}
