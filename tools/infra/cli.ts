import { InfraError } from './infra-error';

/**
 * Runs a tool's main function: an InfraError becomes its one-line message and exit code 1; anything
 * else is a bug in the tool and keeps its stack trace.
 */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof InfraError ? error.message : error);
    process.exitCode = 1;
  });
}
