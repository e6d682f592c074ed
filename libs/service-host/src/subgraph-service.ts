import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TenantScopedDatabase, registerDatabaseGauges, type ServiceDataSource } from '@crm/database';
import type { EventConsumer } from '@crm/messaging';
import { registerEventConsumerGauges, registerOutboxRelayGauges } from '@crm/messaging';
import {
  createLogger,
  type BaseConfig,
  type ReadinessCheck,
  type RunningSubgraph,
  type ServiceMetrics,
} from '@crm/subgraph';
import { defaultHostRuntime, type ServiceHostRuntime } from './host-runtime';

/** What the host itself reads from a service's configuration. */
export interface ServiceHostConfig extends BaseConfig {
  OUTBOX_RETENTION_DAYS: number;
}

/** The infrastructure the host has connected, handed to the service to build its own parts. */
export interface ServiceInfrastructure<TConfig extends ServiceHostConfig> {
  config: TConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  kafka: Kafka;
}

export interface ConsumerRegistration {
  consumer: EventConsumer;
  /** Names the consumer's gauges, e.g. `accounts_consumer` → `accounts_consumer_lag`. */
  gaugePrefix: string;
}

/** How long processed inbox entries are kept when a service that consumes does not say. */
export const DEFAULT_INBOX_RETENTION_DAYS = 14;

/** A loop (scheduler, sweeper, sender) or a resource that only needs closing (no `start`). */
export interface BackgroundWorker {
  start?(): void | Promise<void>;
  stop(): Promise<void>;
}

/** What a service's `start…Subgraph` receives from the host; every service's signature fits. */
export interface SubgraphHostOptions<TConfig extends ServiceHostConfig> {
  config: TConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics: (metrics: ServiceMetrics) => void;
}

/** The service-specific pieces; everything else (relay, retention, checks, gauges, order) is the host's. */
export interface ServiceParts<TConfig extends ServiceHostConfig> {
  consumers?: ConsumerRegistration[];
  /**
   * Processed inbox entries older than this are swept (`inboxRetentionTask`) when the service consumes;
   * `DEFAULT_INBOX_RETENTION_DAYS` unless given.
   */
  inboxRetentionDays?: number;
  /** Started in order after the consumers; stopped in order before them. */
  workers?: BackgroundWorker[];
  /** Gauges beyond the database, outbox relay and consumer gauges the host registers. */
  registerMetrics?: (metrics: ServiceMetrics) => void;
  startSubgraph(options: SubgraphHostOptions<TConfig>): Promise<RunningSubgraph>;
}

export interface SubgraphServiceDefinition<TConfig extends ServiceHostConfig> {
  /** Service name: logger name, Kafka client id, outbox relay's service, start-failure line. */
  name: string;
  /** Usually `() => loadConfig(shape)`, which prints the problems and exits on bad configuration. */
  config(): TConfig;
  /** The service's data source over the application-role URL; the host initialises and closes it. */
  dataSource(config: TConfig, logger: Logger): ServiceDataSource;
  /** Builds the service's parts over the connected infrastructure (no I/O: the host starts them). */
  parts(infrastructure: ServiceInfrastructure<TConfig>): ServiceParts<TConfig>;
}

export interface RunningSubgraphService {
  subgraph: RunningSubgraph;
  logger: Logger;
  config: ServiceHostConfig;
}

/**
 * Starts one subgraph service: database → Kafka admin → outbox relay → consumed topics → consumers →
 * inbox retention → workers → subgraph. On shutdown (after HTTP drained): workers (so no loop works
 * against a half-stopped service), consumers, inbox retention, relay (last, to publish what the others
 * wrote), Kafka admin, and the pool. startSubgraph runs every step even when an earlier one fails.
 */
export async function startSubgraphService<TConfig extends ServiceHostConfig>(
  service: SubgraphServiceDefinition<TConfig>,
  runtime: ServiceHostRuntime = defaultHostRuntime,
): Promise<RunningSubgraphService> {
  const config = service.config();
  const logger = createLogger(service.name, config.LOG_LEVEL);

  const { dataSource, sqlStatements } = service.dataSource(config, logger);
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);

  const kafka = runtime.createKafka({ brokers: config.KAFKA_BROKERS, clientId: service.name, logger });
  const kafkaAdmin: Admin = kafka.admin();
  await kafkaAdmin.connect();
  const parts = service.parts({ config, logger, database, kafka });
  const consumers = parts.consumers ?? [];
  const workers = parts.workers ?? [];

  const relay = runtime.createOutboxRelay({
    service: service.name,
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  // kafkajs refuses to subscribe to a topic the cluster does not know, and the publishing service
  // may not have published yet: create every consumed topic (and its dead-letter topic) first.
  const consumedTopics = consumers.flatMap(({ consumer }) => consumer.topics);
  if (consumedTopics.length > 0) await runtime.ensureConsumedTopics(kafkaAdmin, consumedTopics);
  for (const { consumer } of consumers) await consumer.start();
  const inboxRetention =
    consumers.length === 0
      ? undefined
      : runtime.createInboxRetention({
          database,
          logger,
          processedEntriesMaxAgeDays: parts.inboxRetentionDays ?? DEFAULT_INBOX_RETENTION_DAYS,
        });
  inboxRetention?.start();
  for (const worker of workers) await worker.start?.();

  const subgraph = await parts.startSubgraph({
    config,
    logger,
    database,
    readinessChecks: [
      { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'kafka', check: async () => void (await kafkaAdmin.describeCluster()) },
    ],
    onShutdown: [
      ...workers.map((worker) => () => worker.stop()),
      ...consumers.map(
        ({ consumer }) =>
          () =>
            consumer.stop(),
      ),
      ...(inboxRetention ? [() => inboxRetention.stop()] : []),
      () => relay.stop(),
      () => kafkaAdmin.disconnect(),
      () => dataSource.destroy(),
    ],
    registerMetrics: (metrics) => {
      registerDatabaseGauges(metrics, dataSource, sqlStatements);
      registerOutboxRelayGauges(metrics, relay);
      for (const { consumer, gaugePrefix } of consumers) {
        registerEventConsumerGauges(metrics, gaugePrefix, consumer);
      }
      parts.registerMetrics?.(metrics);
    },
  });
  return { subgraph, logger, config };
}

/**
 * The whole `main` of a subgraph service: starts it, stops it cleanly on SIGTERM/SIGINT, and when
 * start-up fails prints `<name> failed to start: <stack>` and exits 1 (the orchestrator restarts it).
 */
export function runSubgraphService<TConfig extends ServiceHostConfig>(
  service: SubgraphServiceDefinition<TConfig>,
  runtime: ServiceHostRuntime = defaultHostRuntime,
): Promise<void> {
  return startSubgraphService(service, runtime).then(
    ({ subgraph, logger, config }) => runtime.stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS),
    (error: unknown) =>
      runtime.exitAfterStartFailure(
        `${service.name} failed to start: ${error instanceof Error ? error.stack : String(error)}`,
      ),
  );
}
