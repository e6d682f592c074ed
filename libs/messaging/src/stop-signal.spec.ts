import { StopSignal } from './stop-signal';

describe('StopSignal', () => {
  it('lets a sleep run its full time when nobody stops', async () => {
    const signal = new StopSignal();
    const startedAt = Date.now();
    await expect(signal.sleep(30)).resolves.toBe(false);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
  });

  it('wakes every sleeper at once on stop, and later sleeps return immediately', async () => {
    const signal = new StopSignal();
    const startedAt = Date.now();
    const sleeps = [signal.sleep(10_000), signal.sleep(10_000)];
    signal.stop();
    await expect(Promise.all(sleeps)).resolves.toEqual([true, true]);
    await expect(signal.sleep(10_000)).resolves.toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });
});
