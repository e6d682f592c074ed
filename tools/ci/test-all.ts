/**
 * `npm test`: the whole suite, as CI runs it. Brings up PostgreSQL databases and a real Kafka
 * broker, then runs every project's typecheck, lint, unit, integration and end-to-end targets
 * plus the supergraph composition check, and closes with one line of totals.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bringDownInfrastructure, bringUpInfrastructure } from '../infra/up-down';

const repoRoot = path.resolve(__dirname, '..', '..');
const resultsDir = path.join(repoRoot, '.tmp', 'jest-results');

interface Step {
  title: string;
  command: string[];
}

const nx = (...args: string[]) => ['npx', 'nx', ...args, '--outputStyle=stream', '--skipNxCache'];

const steps: Step[] = [
  { title: 'formatting (prettier)', command: ['npx', 'prettier', '--check', '.'] },
  {
    title: 'supergraph composes and matches the committed file',
    command: nx('run', 'gateway:compose-check'),
  },
  { title: 'generated resolver types match the SDL', command: nx('run-many', '-t', 'codegen-check') },
  { title: 'typecheck', command: nx('run-many', '-t', 'typecheck') },
  { title: 'lint', command: nx('run-many', '-t', 'lint') },
  { title: 'unit tests', command: nx('run-many', '-t', 'test') },
  { title: 'integration tests (PostgreSQL + Kafka)', command: nx('run-many', '-t', 'integration') },
  {
    title: 'end-to-end tests (gateway + subgraphs over HTTP)',
    command: nx('run-many', '-t', 'e2e', '--parallel=1'),
  },
];

function runStep(step: Step): boolean {
  console.log(`\n=== ${step.title}`);
  const [program, ...args] = step.command;
  const result = spawnSync(program, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  return result.status === 0;
}

interface JestFailure {
  file: string;
  test: string;
  message: string;
}

interface JestTotals {
  passed: number;
  failed: number;
  skipped: number;
  failedSuites: number;
  failures: JestFailure[];
}

function jestTotals(): JestTotals {
  const totals: JestTotals = { passed: 0, failed: 0, skipped: 0, failedSuites: 0, failures: [] };
  for (const file of readdirSync(resultsDir, { withFileTypes: true })) {
    if (!file.isFile()) continue;
    const run = JSON.parse(readFileSync(path.join(resultsDir, file.name), 'utf8')) as JestTotals;
    totals.passed += run.passed;
    totals.failed += run.failed;
    totals.skipped += run.skipped;
    totals.failedSuites += run.failedSuites;
    totals.failures.push(...(run.failures ?? []));
  }
  return totals;
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  const infrastructure = await bringUpInfrastructure();
  const failedSteps: string[] = [];
  try {
    for (const step of steps) {
      if (!runStep(step)) failedSteps.push(step.title);
    }
  } finally {
    if (!process.argv.includes('--keep-infra')) await bringDownInfrastructure(infrastructure);
  }
  const totals = jestTotals();
  console.log('');
  for (const failure of totals.failures) {
    console.log(`FAILED ${failure.file} › ${failure.test}\n${failure.message}\n`);
  }
  if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
  if (totals.failedSuites > 0)
    console.log(`test suites that failed to run or had failures: ${totals.failedSuites}`);
  console.log(
    `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  return failedSteps.length === 0 && totals.failed === 0 && totals.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
