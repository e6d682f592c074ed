import { backoffAfterFailure, retrySchedule, validateRetryPolicy } from './retry-policy';

describe('retry policy', () => {
  it('doubles the pause after each failure and caps it at maxBackoffMs', () => {
    const policy = { attempts: 7, initialBackoffMs: 100, maxBackoffMs: 1_000 };
    expect(retrySchedule(policy)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('has no pause at all when a single attempt is allowed', () => {
    expect(retrySchedule({ attempts: 1, initialBackoffMs: 100, maxBackoffMs: 1_000 })).toEqual([]);
  });

  it('does not overflow into Infinity after many failures', () => {
    expect(backoffAfterFailure({ attempts: 2_000, initialBackoffMs: 100, maxBackoffMs: 30_000 }, 1_500)).toBe(
      30_000,
    );
  });

  it.each([
    { attempts: 0, initialBackoffMs: 0, maxBackoffMs: 0 },
    { attempts: 1.5, initialBackoffMs: 0, maxBackoffMs: 0 },
    { attempts: 3, initialBackoffMs: -1, maxBackoffMs: 0 },
    { attempts: 3, initialBackoffMs: 500, maxBackoffMs: 100 },
  ])('rejects the nonsensical policy %j', (policy) => {
    expect(() => validateRetryPolicy(policy)).toThrow();
  });
});
