import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './infra-error';
import { displayPath } from './paths';
import { isProcessAlive, readPidFile } from './process-control';

/**
 * Runs `work` while holding a lock file, so that bring-ups started at the same time (parallel test
 * runs awaiting bringUpInfrastructure) do not fetch jars or start brokers twice. The file holds the
 * holder's pid; a lock whose holder died is taken over.
 */
export async function withFileLock<T>(
  lockFile: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (!tryAcquireLock(lockFile)) {
    if (Date.now() >= deadline) {
      const holder = readPidFile(lockFile);
      throw new InfraError(
        `gave up after ${timeoutMs / 1000} s waiting for ${displayPath(lockFile)} (held by pid ${holder ?? 'unknown'}); delete it if no bring-up is running`,
      );
    }
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function tryAcquireLock(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // An empty file is a holder between creating and writing it, not a dead one.
  const holder = readPidFile(lockFile);
  if (holder !== undefined && !isProcessAlive(holder)) rmSync(lockFile, { force: true });
  return false;
}
