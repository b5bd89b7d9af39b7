// Sums the vitest JSON reports every package's `test` task leaves in test-results.json and ends
// with exactly one line "N passed, N failed" (skipped tests and suites that failed to load are
// reported on lines before it). Exits 1 when a test failed, when a suite failed to load, or when
// no report exists at all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples', 'bench'];
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
let brokenSuites = 0;

for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const entry of readdirSync(root)) {
    const file = join(root, entry, 'test-results.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    reports += 1;
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    brokenSuites += (report.testResults ?? []).filter(
      (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
    ).length;
  }
}

if (reports === 0) console.log('no test-results.json found: did the test task run?');
if (brokenSuites > 0) console.log(`${brokenSuites} test file(s) failed to load`);
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(reports === 0 || failed > 0 || brokenSuites > 0 ? 1 : 0);
