import { readFileSync } from 'node:fs';
import { withFileLock } from './file-lock';
import { InfraError } from './infra-error';
import { doesBrokerAnswer, waitForBrokerReady } from './kafka-admin';
import { areJarsCurrent, fetchJars } from './kafka-jars';
import { brokerFailureCause } from './kafka-log';
import {
  forgetStartedBroker,
  formatStorageOnce,
  runningStartedBrokerPid,
  startBrokerProcess,
  stopBrokerProcess,
  wasStartedFor,
  writeServerProperties,
} from './kafka-process';
import { displayPath, infraPaths } from './paths';
import { requireKafkaToolchain } from './prerequisites';
import { isProcessAlive } from './process-control';
import { formatBrokers, isLoopbackHost, type BrokerAddress } from './settings';

/** How long a broker may take to answer metadata requests and coordinate groups. */
const BROKER_START_TIMEOUT_MS = 60_000;
/** Covers a cold Maven fetch plus a broker start by whichever bring-up holds the lock. */
const START_LOCK_TIMEOUT_MS = 5 * 60_000;

export type KafkaBrokerOutcome =
  | { kind: 'reused'; startedByInfraUpPid: number | undefined }
  | { kind: 'started'; pid: number };

/**
 * Makes sure a ready Kafka broker answers at `brokers`: reuses whatever answers there (a broker
 * started earlier by infra:up, docker compose, CI's own), or else starts one from the Apache Kafka
 * jars on this machine.
 */
export async function ensureKafkaBroker(
  brokers: BrokerAddress[],
  log: (line: string) => void,
): Promise<KafkaBrokerOutcome> {
  const label = formatBrokers(brokers).join(',');
  if (await doesBrokerAnswer(brokers)) {
    await waitForBrokerReady(brokers, { timeoutMs: BROKER_START_TIMEOUT_MS }).catch((error: Error) => {
      throw new InfraError(`kafka: the broker at ${label} answers but is not ready (${error.message})`);
    });
    return { kind: 'reused', startedByInfraUpPid: startedBrokerPidAt(brokers) };
  }
  const [broker] = brokers;
  if (brokers.length > 1 || !isLoopbackHost(broker.host)) {
    throw new InfraError(
      `no Kafka at ${label}, which is not this machine, so none is started here: start it there, or unset KAFKA_BROKERS`,
    );
  }
  return withFileLock(infraPaths.kafkaStartLock, START_LOCK_TIMEOUT_MS, () =>
    startLocalBroker(broker, label, log),
  );
}

async function startLocalBroker(
  broker: BrokerAddress,
  label: string,
  log: (line: string) => void,
): Promise<KafkaBrokerOutcome> {
  // Another bring-up may have started it while this one waited for the lock.
  const earlierPid = runningStartedBrokerPid();
  if (earlierPid !== undefined) {
    if (!wasStartedFor(broker)) {
      throw new InfraError(
        `kafka: the broker infra:up started (pid ${earlierPid}) listens elsewhere than ${label}; stop it with \`npm run infra:down\` or use its address in KAFKA_BROKERS`,
      );
    }
    await waitForBrokerReady([broker], {
      timeoutMs: BROKER_START_TIMEOUT_MS,
      reasonToGiveUp: () => (isProcessAlive(earlierPid) ? undefined : 'the broker exited'),
    }).catch((error: Error) => {
      throw startFailure(label, error);
    });
    return { kind: 'reused', startedByInfraUpPid: earlierPid };
  }
  forgetStartedBroker();

  const pomXml = readFileSync(infraPaths.kafkaPom, 'utf8');
  const needsJars = !areJarsCurrent(infraPaths.kafkaLibsDir, pomXml);
  await requireKafkaToolchain(label, { needsMaven: needsJars });
  if (needsJars) {
    log(`kafka: fetching the broker jars with Maven into ${displayPath(infraPaths.kafkaLibsDir)}`);
    await fetchJars(infraPaths.kafkaPom, infraPaths.kafkaLibsDir);
  }
  writeServerProperties(broker);
  if (await formatStorageOnce()) {
    log(`kafka: formatted KRaft storage in ${displayPath(infraPaths.kafkaDataDir)}`);
  }

  const started = startBrokerProcess();
  try {
    await waitForBrokerReady([broker], {
      timeoutMs: BROKER_START_TIMEOUT_MS,
      reasonToGiveUp: started.exitReason,
    });
  } catch (error) {
    // A broker that never became ready is of no use to the next run either.
    if (started.exitReason() === undefined) await stopBrokerProcess(started.pid);
    forgetStartedBroker();
    throw startFailure(label, error as Error);
  }
  return { kind: 'started', pid: started.pid };
}

/** The pid of the broker infra:up started, when that is the one answering at `brokers`. */
function startedBrokerPidAt(brokers: BrokerAddress[]): number | undefined {
  const pid = runningStartedBrokerPid();
  return pid !== undefined && brokers.length === 1 && wasStartedFor(brokers[0]) ? pid : undefined;
}

function startFailure(label: string, error: Error): InfraError {
  const cause = brokerFailureCause(readFileSync(infraPaths.kafkaLogFile, 'utf8'));
  return new InfraError(
    `kafka: the broker infra:up started at ${label} is not ready (${error.message}); see ${displayPath(infraPaths.kafkaLogFile)}${cause === undefined ? '' : `: ${cause}`}`,
  );
}
