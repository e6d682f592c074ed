import gql from 'graphql-tag';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopic } from '@crm/events';
import { createServiceDataSource, runMigrations, type ServiceDataSourceOptions } from '@crm/database';
import {
  EventConsumer,
  consumerGroupId,
  createInboxTable,
  createOutboxTable,
  subscribedTopics,
} from '@crm/messaging';
import { startSubgraph } from '@crm/subgraph';
import {
  createTestDatabase,
  createTestKafka,
  deleteTestTopics,
  eventually,
  testKafkaBrokers,
  uniqueKafkaName,
  type TestDatabase,
} from '@crm/testing';
import { startSubgraphService, type RunningSubgraphService, type ServiceHostConfig } from '../src';

class CreateMessagingTables1000000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
  }

  async down(): Promise<void> {
    // the test database is dropped whole
  }
}

const databaseOptions = (url: string): ServiceDataSourceOptions => ({
  url,
  applicationName: 'crm-service-host-test',
  entities: [],
  migrations: [CreateMessagingTables1000000000000],
});

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    ping: String!
  }
`;

describe('a tiny service run by the host against real PostgreSQL and Kafka', () => {
  const prefix = `${uniqueKafkaName('host')}.`;
  const consumedTopics = subscribedTopics(prefix, ['accounts']);
  let testDatabase: TestDatabase;
  let dataSource: DataSource;
  let service: RunningSubgraphService;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('service_host');
    await runMigrations(databaseOptions(testDatabase.ownerUrl));
    const config: ServiceHostConfig = {
      NODE_ENV: 'test',
      PORT: 0,
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      JWT_SECRET: 'service-host-integration-secret-32chars',
      JWT_ISSUER: 'crm-platform',
      JWT_AUDIENCE: 'crm-api',
      SHUTDOWN_TIMEOUT_MS: 5000,
      OUTBOX_RETENTION_DAYS: 7,
    };
    service = await startSubgraphService({
      name: 'tiny',
      config: () => config,
      dataSource: (_config, logger) => {
        const created = createServiceDataSource({
          ...databaseOptions(testDatabase.appUrl),
          errorSink: logger,
        });
        dataSource = created.dataSource;
        return created;
      },
      parts: ({ kafka, database, logger }) => ({
        consumers: [
          {
            consumer: new EventConsumer({
              kafka,
              groupId: consumerGroupId(prefix, 'tiny', 'test'),
              topics: consumedTopics,
              database,
              logger,
              handlers: {},
              fromBeginning: true,
            }),
            gaugePrefix: 'tiny_consumer',
            topics: consumedTopics,
          },
        ],
        inboxRetentionDays: 14,
        startSubgraph: (options) =>
          startSubgraph({
            name: 'tiny',
            typeDefs,
            resolvers: { Query: { ping: () => 'pong' } },
            accessRules: { Query: { ping: 'PUBLIC' }, Mutation: {} },
            createLoaders: () => ({}),
            ...options,
          }),
      }),
    });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await service.subgraph.stop();
    await deleteTestTopics(consumedTopics.flatMap((topic) => [topic, deadLetterTopic(topic)]));
    await testDatabase?.drop();
  });

  const baseUrl = () => service.subgraph.url.replace(/\/graphql$/, '');

  it('is ready once PostgreSQL and Kafka answer, and serves GraphQL', async () => {
    // Each readiness check has 2 s; a broker slowed by a loaded machine may miss one probe.
    await eventually(
      'the service to be ready',
      async () => (await fetch(`${baseUrl()}/health/ready`)).status,
      (status) => status === 200,
    );
    const answer = await fetch(service.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(await answer.json()).toEqual({ data: { ping: 'pong' } });
  });

  it('created the consumed topics under the prefix before subscribing', async () => {
    const admin = createTestKafka().admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining(consumedTopics));
    } finally {
      await admin.disconnect();
    }
  });

  it('runs the outbox relay, which takes the lead', async () => {
    const leaderGauge = /^outbox_relay_leader\{service="tiny"\} 1$/m;
    const metrics = await eventually(
      'the relay to lead',
      async () => (await fetch(`${baseUrl()}/metrics`)).text(),
      (text) => leaderGauge.test(text),
    );
    expect(metrics).toMatch(leaderGauge);
  });

  it('closes the database pool when stopped', async () => {
    await service.subgraph.stop();
    expect(dataSource.isInitialized).toBe(false);
  });
});
