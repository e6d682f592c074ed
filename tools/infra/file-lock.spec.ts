import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withFileLock } from './file-lock';

describe('withFileLock', () => {
  let lockDir: string;
  let lockFile: string;

  beforeEach(() => {
    lockDir = mkdtempSync(path.join(os.tmpdir(), 'crm-lock-'));
    lockFile = path.join(lockDir, 'start.lock');
  });

  afterEach(() => rmSync(lockDir, { recursive: true, force: true }));

  it('runs concurrent holders one after the other and removes the lock afterwards', async () => {
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lockFile, 5_000, async () => {
        events.push(`${name} in`);
        await sleep(50);
        events.push(`${name} out`);
      });
    await Promise.all([holder('a'), holder('b')]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('takes over a lock whose holder is gone', async () => {
    const pidOfNoProcess = 2 ** 22 + 1;
    writeFileSync(lockFile, String(pidOfNoProcess));
    await expect(withFileLock(lockFile, 2_000, async () => 'done')).resolves.toBe('done');
  });

  it('gives up on a lock held by a live process, naming the file', async () => {
    writeFileSync(lockFile, String(process.pid));
    await expect(withFileLock(lockFile, 300, async () => 'never')).rejects.toThrow(/start\.lock/);
  });
});
