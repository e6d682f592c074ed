import pino from 'pino';
import { PeriodicTask } from './periodic-task';

const silent = pino({ level: 'silent' });

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a round on every tick once started, and none after stop', async () => {
    let rounds = 0;
    const task = new PeriodicTask({
      name: 'sweep',
      everyMs: 1_000,
      logger: silent,
      run: async () => void rounds++,
    });

    await jest.advanceTimersByTimeAsync(5_000);
    expect(rounds).toBe(0);
    task.start();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(rounds).toBe(3);
    await task.stop();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(rounds).toBe(3);
  });

  it('logs a failed round and runs again on the next tick', async () => {
    const errors: string[] = [];
    const logger = {
      error: (_context: unknown, message: string) => errors.push(message),
    } as unknown as pino.Logger;
    let rounds = 0;
    const task = new PeriodicTask({
      name: 'quote expiry sweep',
      everyMs: 1_000,
      logger,
      run: async () => {
        rounds += 1;
        if (rounds === 1) throw new Error('database restarting');
      },
    });
    task.start();

    await jest.advanceTimersByTimeAsync(2_000);

    expect(rounds).toBe(2);
    expect(errors).toEqual(['quote expiry sweep failed; it runs again on the next tick']);
    await task.stop();
  });

  it('never runs two rounds at once, and stop waits for the round in progress', async () => {
    let release!: () => void;
    let started = 0;
    let finished = 0;
    const task = new PeriodicTask({
      name: 'sweep',
      everyMs: 1_000,
      logger: silent,
      run: async () => {
        started += 1;
        await new Promise<void>((resolve) => (release = resolve));
        finished += 1;
      },
    });
    task.start();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);

    const stopping = task.stop();
    release();
    await stopping;

    expect(finished).toBe(1);
  });

  it('refuses an interval that is not a positive whole number of milliseconds', () => {
    expect(
      () => new PeriodicTask({ name: 'sweep', everyMs: 0, logger: silent, run: () => Promise.resolve() }),
    ).toThrow('sweep: everyMs must be a positive whole number, got 0');
  });
});
