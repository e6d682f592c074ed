import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningFixture {
  child: ChildProcess;
  /** Resolves once the process wrote `text` to stdout. */
  printed(text: string): Promise<void>;
  finished: Promise<Finished>;
}

/** Runs a TypeScript fixture in its own Node process, through tsx, as a service would run. */
export function runFixture(
  fixture: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): RunningFixture {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '..', 'fixtures', fixture), ...args],
    {
      cwd: path.join(__dirname, '..', '..', '..', '..'),
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.filter((candidate) => stdout.includes(candidate.text))) waiter.resolve();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const finished = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    printed: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void finished.then(() => reject(new Error(`exited before printing ${text}: ${stderr}`)));
      }),
    finished,
  };
}
