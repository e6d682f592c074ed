import type { Logger } from 'pino';

export interface PeriodicJobOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  run: () => Promise<unknown>;
}

/**
 * Runs `run` every interval, one run at a time; a failed run is logged and the next one tries
 * again. `stop()` waits for the run in progress, so shutdown never cuts a transaction off.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private isStopped = false;

  constructor(private readonly options: PeriodicJobOptions) {}

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => {
      this.running = this.options
        .run()
        .then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.error({ err: error, job: this.options.name }, 'periodic job failed'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.options.intervalMs);
  }
}
