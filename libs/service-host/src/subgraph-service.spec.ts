import gql from 'graphql-tag';
import type { Kafka } from 'kafkajs';
import type { EventConsumer, OutboxRelay } from '@crm/messaging';
import type { PeriodicTask } from '@crm/service-runtime';
import { SqlStatementCounter, type ServiceDataSource } from '@crm/database';
import { startSubgraph, type RunningSubgraph } from '@crm/subgraph';
import type { ServiceHostRuntime } from './host-runtime';
import {
  runSubgraphService,
  startSubgraphService,
  DEFAULT_INBOX_RETENTION_DAYS,
  type ServiceHostConfig,
  type ServiceParts,
  type SubgraphServiceDefinition,
} from './subgraph-service';

const config: ServiceHostConfig = {
  NODE_ENV: 'test',
  PORT: 0,
  LOG_LEVEL: 'silent',
  KAFKA_BROKERS: '127.0.0.1:9092',
  KAFKA_TOPIC_PREFIX: 'test.',
  JWT_SECRET: 'unit-test-secret-of-at-least-32-chars',
  JWT_ISSUER: 'crm-platform',
  JWT_AUDIENCE: 'crm-api',
  SHUTDOWN_TIMEOUT_MS: 5000,
  OUTBOX_RETENTION_DAYS: 7,
};

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    ping: String!
  }
`;

/** Records every start and stop the host performs, in order, through fakes of what it drives. */
function fakeService(failing: { step?: string } = {}) {
  const steps: string[] = [];
  const step = (name: string) => async () => {
    steps.push(name);
    if (failing.step === name) throw new Error(`${name} broke`);
  };
  const dataSource = {
    initialize: step('pool opened'),
    destroy: step('pool closed'),
    query: async () => [{ '?column?': 1 }],
    driver: { master: { totalCount: 3, idleCount: 2, waitingCount: 0 } },
  };
  const admin = {
    connect: step('kafka admin connected'),
    disconnect: step('kafka admin disconnected'),
    describeCluster: async () => ({ brokers: [] }),
  };
  const kafka = { admin: () => admin } as unknown as Kafka;
  const fakeConsumer = (name: string, topics: string[]) =>
    ({
      topics,
      start: step(`${name} started`),
      stop: step(`${name} stopped`),
      metrics: { processed: 3, duplicatesSkipped: 0, deadLettered: 0, unhandledSkipped: 0, retries: 0 },
      lag: () => [{ topic: 't', partition: 0, lag: 2 }],
    }) as unknown as EventConsumer;
  const relayOptions: unknown[] = [];
  const ensuredTopics: string[][] = [];
  const retentionDays: number[] = [];
  const exits: string[] = [];
  const signalHandlers: Array<{ subgraph: RunningSubgraph; timeoutMs: number }> = [];
  const runtime: ServiceHostRuntime = {
    createKafka: (options) => {
      steps.push(`kafka client ${options.clientId} for ${options.brokers}`);
      return kafka;
    },
    createOutboxRelay: (options) => {
      relayOptions.push(options);
      return {
        start: step('relay started'),
        stop: step('relay stopped'),
        metrics: { published: 5, batches: 1, errors: 0, isLeader: true },
      } as unknown as OutboxRelay;
    },
    createInboxRetention: (options) => {
      retentionDays.push(options.processedEntriesMaxAgeDays);
      return {
        start: () => void steps.push('inbox retention started'),
        stop: step('inbox retention stopped'),
      } as unknown as PeriodicTask;
    },
    ensureConsumedTopics: async (_admin, topics) => {
      steps.push('topics ensured');
      ensuredTopics.push([...topics]);
    },
    stopOnSignals: (subgraph, _logger, timeoutMs) => void signalHandlers.push({ subgraph, timeoutMs }),
    exitAfterStartFailure: (line) => void exits.push(line),
  };

  const parts: Omit<ServiceParts<ServiceHostConfig>, 'startSubgraph'> = {
    consumers: [
      { consumer: fakeConsumer('projections consumer', ['test.a']), gaugePrefix: 'demo_projections' },
      { consumer: fakeConsumer('reactions consumer', ['test.b']), gaugePrefix: 'demo_reactions' },
    ],
    inboxRetentionDays: 14,
    workers: [
      { start: () => void steps.push('scheduler started'), stop: step('scheduler stopped') },
      { stop: step('mail transport closed') },
    ],
    registerMetrics: (metrics) => metrics.observedGauge('demo_reminders_fired', 'Reminders fired', () => 4),
  };
  const service: SubgraphServiceDefinition<ServiceHostConfig> = {
    name: 'demo',
    config: () => config,
    dataSource: () =>
      ({ dataSource, sqlStatements: new SqlStatementCounter() }) as unknown as ServiceDataSource,
    parts: () => ({
      ...parts,
      startSubgraph: async (options) => {
        steps.push('subgraph started');
        return startSubgraph({
          name: 'demo',
          typeDefs,
          resolvers: { Query: { ping: () => 'pong' } },
          accessRules: { Query: { ping: 'PUBLIC' }, Mutation: {} },
          createLoaders: () => ({}),
          ...options,
        });
      },
    }),
  };
  return { service, runtime, steps, relayOptions, ensuredTopics, retentionDays, exits, signalHandlers };
}

const running: RunningSubgraph[] = [];
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((subgraph) => subgraph.stop()));
});

async function started(fake: ReturnType<typeof fakeService>): Promise<RunningSubgraph> {
  const { subgraph } = await startSubgraphService(fake.service, fake.runtime);
  running.push(subgraph);
  return subgraph;
}

function baseUrl(subgraph: RunningSubgraph): string {
  return subgraph.url.replace(/\/graphql$/, '');
}

describe('startSubgraphService', () => {
  it('starts the infrastructure, then consumers, retention and workers, and the subgraph last', async () => {
    const fake = fakeService();
    await started(fake);

    expect(fake.steps).toEqual([
      'pool opened',
      'kafka client demo for 127.0.0.1:9092',
      'kafka admin connected',
      'relay started',
      'topics ensured',
      'projections consumer started',
      'reactions consumer started',
      'inbox retention started',
      'scheduler started',
      'subgraph started',
    ]);
    expect(fake.ensuredTopics).toEqual([['test.a', 'test.b']]);
    expect(fake.retentionDays).toEqual([14]);
    expect(fake.relayOptions).toEqual([
      expect.objectContaining({
        service: 'demo',
        topicPrefix: 'test.',
        retention: { publishedRowsMaxAgeDays: 7 },
      }),
    ]);
  });

  it('stops workers, consumers, retention, relay and Kafka admin before closing the pool', async () => {
    const fake = fakeService();
    const subgraph = await started(fake);
    fake.steps.length = 0;

    await subgraph.stop();

    expect(fake.steps).toEqual([
      'scheduler stopped',
      'mail transport closed',
      'projections consumer stopped',
      'reactions consumer stopped',
      'inbox retention stopped',
      'relay stopped',
      'kafka admin disconnected',
      'pool closed',
    ]);
  });

  it('still closes the pool when an earlier shutdown step fails, and reports that failure', async () => {
    const fake = fakeService({ step: 'relay stopped' });
    const subgraph = await started(fake);

    await expect(subgraph.stop()).rejects.toThrow('relay stopped broke');

    expect(fake.steps.slice(-3)).toEqual(['relay stopped', 'kafka admin disconnected', 'pool closed']);
  });

  it('answers readiness with the postgres and kafka checks', async () => {
    const subgraph = await started(fakeService());

    const response = await fetch(`${baseUrl(subgraph)}/health/ready`);

    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toEqual(expect.stringMatching(/postgres.*kafka/));
  });

  it('exports the database, relay, per-consumer and service gauges', async () => {
    const subgraph = await started(fakeService());

    const text = await (await fetch(`${baseUrl(subgraph)}/metrics`)).text();

    for (const gauge of [
      'sql_statements',
      'db_pool_connections',
      'outbox_published_events',
      'demo_projections_lag',
      'demo_reactions_processed_events',
      'demo_reminders_fired',
    ]) {
      expect(text).toMatch(new RegExp(`^${gauge}\\{service="demo"\\} \\d+$`, 'm'));
    }
  });

  it('sweeps the inbox of a consuming service that names no retention, with the default', async () => {
    const fake = fakeService();
    const definition: SubgraphServiceDefinition<ServiceHostConfig> = {
      ...fake.service,
      parts: (infrastructure) => ({ ...fake.service.parts(infrastructure), inboxRetentionDays: undefined }),
    };

    const { subgraph } = await startSubgraphService(definition, fake.runtime);
    running.push(subgraph);

    expect(fake.retentionDays).toEqual([DEFAULT_INBOX_RETENTION_DAYS]);
  });

  it('creates no topics and no inbox retention for a service that consumes nothing', async () => {
    const fake = fakeService();
    const definition: SubgraphServiceDefinition<ServiceHostConfig> = {
      ...fake.service,
      parts: (infrastructure) => ({
        ...fake.service.parts(infrastructure),
        consumers: [],
      }),
    };

    const { subgraph } = await startSubgraphService(definition, fake.runtime);
    running.push(subgraph);

    expect(fake.steps).not.toContain('topics ensured');
    expect(fake.retentionDays).toEqual([]);
  });
});

describe('runSubgraphService', () => {
  it('hands the started subgraph to the signal handler with the configured timeout', async () => {
    const fake = fakeService();

    await runSubgraphService(fake.service, fake.runtime);
    running.push(...fake.signalHandlers.map(({ subgraph }) => subgraph));

    expect(fake.signalHandlers).toEqual([{ subgraph: expect.anything(), timeoutMs: 5000 }]);
    expect(fake.exits).toEqual([]);
  });

  it('exits with one line naming the service and the cause when start-up fails', async () => {
    const fake = fakeService({ step: 'kafka admin connected' });

    await runSubgraphService(fake.service, fake.runtime);

    expect(fake.exits).toEqual([
      expect.stringMatching(/^demo failed to start: Error: kafka admin connected broke/),
    ]);
    expect(fake.signalHandlers).toEqual([]);
    expect(fake.steps).not.toContain('subgraph started');
  });
});
