// Writes each Jest run's totals to .tmp/jest-results/, so `npm test` can print one closing line
// ("N passed, N failed") for the whole workspace, however many Jest processes Nx started, and
// repeat what failed at the very end, where a CI log that keeps only its tail still shows it.
const fs = require('node:fs');
const path = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const root = path.join(__dirname, '..', '..');
    const failures = [];
    for (const suite of results.testResults) {
      const file = path.relative(root, suite.testFilePath);
      if (suite.testExecError)
        failures.push({ file, test: '(suite failed to run)', message: suite.testExecError.message });
      for (const test of suite.testResults) {
        if (test.status === 'failed')
          failures.push({ file, test: test.fullName, message: test.failureMessages.join('\n') });
      }
    }
    const dir = path.join(root, '.tmp', 'jest-results');
    fs.mkdirSync(dir, { recursive: true });
    const name = `${path.relative(root, this.rootDir).replace(/[\\/]/g, '_')}-${process.pid}.json`;
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        rootDir: this.rootDir,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        failedSuites: results.numFailedTestSuites + results.numRuntimeErrorTestSuites,
        failures: failures.map((failure) => ({ ...failure, message: firstLines(failure.message, 12) })),
      }),
    );
  }
}

function firstLines(text, count) {
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => !/^\s+at .*(node_modules|node:internal)/.test(line))
    .slice(0, count)
    .join('\n');
}

module.exports = JestResultsReporter;
