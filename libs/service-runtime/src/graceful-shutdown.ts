import type { Logger } from 'pino';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Stops the process cleanly on SIGTERM/SIGINT: the stoppable drains HTTP, finishes the current
 * Kafka batch, commits offsets and closes pools. A second signal, or the timeout, exits at once.
 */
export function stopOnSignals(target: Stoppable, logger: Logger, timeoutMs: number): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out: exiting');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    target.stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
