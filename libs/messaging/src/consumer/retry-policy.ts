/** How hard a consumer tries a failing handler before the message goes to the dead-letter topic. */
export interface RetryPolicy {
  /** Handler runs in total, the first included; at least 1. */
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new Error(`retry.attempts must be a whole number of at least 1, got ${policy.attempts}`);
  }
  if (policy.initialBackoffMs < 0 || policy.maxBackoffMs < policy.initialBackoffMs) {
    throw new Error(`retry backoff must satisfy 0 <= initialBackoffMs <= maxBackoffMs`);
  }
  return policy;
}

/**
 * The pause after the `failedAttempts`-th failure: doubling from `initialBackoffMs`, capped at
 * `maxBackoffMs`. No jitter: one consumer owns a partition, so there is no herd to spread out.
 */
export function backoffAfterFailure(policy: RetryPolicy, failedAttempts: number): number {
  const doublings = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** doublings);
}

/** Every pause between the attempts of a message that never succeeds (attempts - 1 of them). */
export function retrySchedule(policy: RetryPolicy): number[] {
  return Array.from({ length: policy.attempts - 1 }, (_, index) => backoffAfterFailure(policy, index + 1));
}
