import { spawn } from 'node:child_process';
import path from 'node:path';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

export interface FixtureExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs a fixture script in its own Node process (tsx resolves the @crm/* paths from the root
 * tsconfig) and resolves when it exits, however it exits: the crash tests expect SIGKILL.
 */
export function runFixture(
  script: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<FixtureExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../fixtures', script)], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fixture ${script} did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** Asserts the fixture died by SIGKILL, showing its output when it did not (it failed instead). */
export function expectKilled(exit: FixtureExit): void {
  if (exit.signal !== 'SIGKILL') {
    throw new Error(
      `fixture exited with code ${exit.code} / signal ${exit.signal} instead of being killed:\n${exit.output}`,
    );
  }
}
