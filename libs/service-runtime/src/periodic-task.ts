import type { Logger } from 'pino';

export interface PeriodicTaskOptions {
  /** What the task does, for its log lines, e.g. 'inbox retention sweep'. */
  name: string;
  everyMs: number;
  logger: Logger;
  /** One round of work. A failure is logged; the next tick tries again. */
  run(): Promise<void>;
}

/**
 * Runs a background sweep on a timer, one round at a time, without keeping the process alive; stop()
 * waits for the round in progress. Every service's sweeps (retention, expiry) share this lifecycle.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PeriodicTaskOptions) {
    if (!Number.isInteger(options.everyMs) || options.everyMs < 1)
      throw new Error(`${options.name}: everyMs must be a positive whole number, got ${options.everyMs}`);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round now, unless one is in progress (then that one's end). Never throws. */
  runOnce(): Promise<void> {
    this.running ??= this.options
      .run()
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error },
          `${this.options.name} failed; it runs again on the next tick`,
        );
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
