import { eventually } from './eventually';

describe('eventually', () => {
  it('polls until isDone accepts a value, and returns that value', async () => {
    let probes = 0;

    const value = await eventually(
      'the third probe',
      async () => (probes += 1),
      (count) => count === 3,
      { intervalMs: 1 },
    );

    expect(value).toBe(3);
    expect(probes).toBe(3);
  });

  it('returns at once, without waiting an interval, when the first value is already done', async () => {
    const started = Date.now();

    await expect(eventually('a ready value', () => 'ready', Boolean, { intervalMs: 10_000 })).resolves.toBe(
      'ready',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails after its timeout with the description and the last value seen', async () => {
    let probes = 0;
    const started = Date.now();

    const failure = await eventually(
      'the counter to reach 1000',
      () => ({ count: (probes += 1) }),
      ({ count }) => count >= 1000,
      { timeoutMs: 200, intervalMs: 20 },
    ).catch((error: unknown) => error);

    expect(failure).toEqual(
      new Error(
        `timed out after 200 ms waiting for the counter to reach 1000; last value: {"count":${probes}}`,
      ),
    );
    // It kept probing for the whole timeout, then stopped: no probe after the failure.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(probes).toBeGreaterThan(2);
    const probesAtFailure = probes;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(probes).toBe(probesAtFailure);
  });

  it('does not retry a probe that throws: the error reaches the caller as it is', async () => {
    let probes = 0;
    const probe = () => {
      probes += 1;
      throw new Error('connection refused');
    };

    await expect(eventually('a throwing probe', probe, Boolean, { timeoutMs: 1_000 })).rejects.toThrow(
      'connection refused',
    );
    expect(probes).toBe(1);
  });
});
