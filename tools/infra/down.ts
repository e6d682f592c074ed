import { runCli } from './cli';
import { forgetStartedBroker, runningStartedBrokerPid, stopBrokerProcess } from './kafka-process';
import type { StartedInfrastructure } from './up';

export interface BringDownOptions {
  /** Where progress lines go; console.log by default. */
  log?: (line: string) => void;
}

/**
 * Stops the Kafka broker that infra:up ran from jars: the one `started` records when given (so
 * `npm start` and `npm test` stop only what their own bring-up started), else the one in the pid
 * file. PostgreSQL was there before and stays; a Kafka started by anyone else is left alone.
 */
export async function bringDownInfrastructure(
  started?: StartedInfrastructure,
  { log = console.log }: BringDownOptions = {},
): Promise<void> {
  const runningPid = runningStartedBrokerPid();
  if (started !== undefined && (started.kafkaPid === undefined || started.kafkaPid !== runningPid)) {
    return;
  }
  if (runningPid === undefined) {
    forgetStartedBroker();
    log('kafka: nothing to stop (no broker started by infra:up is running)');
    return;
  }
  const outcome = await stopBrokerProcess(runningPid);
  log(
    outcome === 'stopped'
      ? `kafka: stopped (pid ${runningPid})`
      : `kafka: killed after 20 s without stopping (pid ${runningPid})`,
  );
}

if (require.main === module) runCli(() => bringDownInfrastructure());
