import { allPlatformTopics, EVENTS_TOPIC_PARTITIONS } from '@crm/events';
import { runCli } from './cli';
import { ensureKafkaBroker } from './kafka-broker';
import { displayPath, infraPaths } from './paths';
import { ensurePostgres } from './postgres';
import { formatBrokers, readInfraSettings } from './settings';
import { ensureTopics } from './topics';

export interface BringUpOptions {
  env?: NodeJS.ProcessEnv;
  /** Where progress lines go; console.log by default. */
  log?: (line: string) => void;
}

/** What one bring-up started, so that its caller can later stop exactly that and nothing else. */
export interface StartedInfrastructure {
  /** The Kafka broker this call started; undefined when it reused one. */
  kafkaPid: number | undefined;
}

/**
 * Makes sure PostgreSQL (with the CRM databases and roles), a Kafka broker and the platform's
 * topics are there, starting only what is missing. Safe to call again and concurrently.
 */
export async function bringUpInfrastructure({
  env = process.env,
  log = console.log,
}: BringUpOptions = {}): Promise<StartedInfrastructure> {
  const settings = readInfraSettings(env);

  const databaseCount = await ensurePostgres(settings.postgresAdminUrl, settings.crmAppPassword);
  log(`postgres: ready (${databaseCount} databases)`);

  const kafka = await ensureKafkaBroker(settings.kafkaBrokers, log);
  if (kafka.kind === 'started') {
    log(`kafka: started from jars (pid ${kafka.pid}, log in ${displayPath(infraPaths.kafkaLogFile)})`);
  } else {
    const origin =
      kafka.startedByInfraUpPid === undefined
        ? ''
        : ` (started by infra:up, pid ${kafka.startedByInfraUpPid})`;
    log(`kafka: reusing broker at ${formatBrokers(settings.kafkaBrokers).join(',')}${origin}`);
  }

  const topicCount = await ensureTopics(settings.kafkaBrokers, {
    names: allPlatformTopics(),
    partitions: EVENTS_TOPIC_PARTITIONS,
  });
  log(`topics: ${topicCount} ready`);
  return { kafkaPid: kafka.kind === 'started' ? kafka.pid : undefined };
}

if (require.main === module) {
  runCli(async () => {
    await bringUpInfrastructure();
  });
}
