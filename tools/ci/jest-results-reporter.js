// Writes each Jest run's totals to .tmp/jest-results/, so `npm test` can print one closing line
// ("N passed, N failed") for the whole workspace, however many Jest processes Nx started.
const fs = require('node:fs');
const path = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', '..', '.tmp', 'jest-results');
    fs.mkdirSync(dir, { recursive: true });
    const name = `${path.relative(path.join(__dirname, '..', '..'), this.rootDir).replace(/[\\/]/g, '_')}-${process.pid}.json`;
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        rootDir: this.rootDir,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        failedSuites: results.numFailedTestSuites + results.numRuntimeErrorTestSuites,
      }),
    );
  }
}

module.exports = JestResultsReporter;
