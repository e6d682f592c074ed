export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls until `probe` returns a value that `isDone` accepts, for asynchronous outcomes (a relay
 * publishing, a consumer applying) that have no completion callback. On timeout it fails with the
 * last value seen, which is what a failing test needs to show.
 */
export async function eventually<T>(
  description: string,
  probe: () => Promise<T> | T,
  isDone: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (isDone(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${description}; last value: ${JSON.stringify(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
