import 'reflect-metadata';
import { Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrations, TenantScopedDatabase, type SqlStatementCounter } from '@crm/database';
import { type EventEnvelope, type PublishingService, eventsTopic } from '@crm/events';
import { consumerGroupId, createKafka, type EventConsumer, subscribedTopics } from '@crm/messaging';
import { createLogger, signAccessToken, type Role, type RunningSubgraph } from '@crm/subgraph';
import {
  committedOffsets,
  createTestDatabase,
  createTestKafka,
  createTestTopics,
  deleteTestTopics,
  eventually,
  topicEndOffsets,
  uniqueKafkaName,
  type GraphQLResult,
  postGraphQL,
  startTestSubgraph,
  type TestDatabase,
} from '@crm/testing';
import { analyticsConfigShape } from '../../src/config';
import { analyticsDatabaseOptions, createAnalyticsDataSource } from '../../src/database';
import { createReadModelConsumer, READ_MODEL_PURPOSE } from '../../src/events/read-model-consumer';
import { PROJECTED_SERVICES } from '../../src/projection/projection-handlers';
import { startAnalyticsSubgraph } from '../../src/server';

export const TEST_JWT_SECRET = 'analytics-test-secret-analytics-test-secret';

/** Every topic the read model reads plus analytics' own (erasure acknowledgements). */
const ALL_SERVICES: readonly PublishingService[] = [...PROJECTED_SERVICES, 'analytics'];

/**
 * One analytics instance for a test: a fresh database (migrated as the owner, used as the app
 * role), its own topic prefix on the real broker, the real read-model consumer and the real
 * subgraph on a free port.
 */
export class AnalyticsHarness {
  private consumer: EventConsumer | undefined;

  private constructor(
    readonly testDatabase: TestDatabase,
    readonly dataSource: DataSource,
    readonly database: TenantScopedDatabase,
    readonly topicPrefix: string,
    readonly subgraph: RunningSubgraph,
    readonly sqlStatements: SqlStatementCounter,
    private readonly owner: Pool,
  ) {}

  static async start(options: { topicPrefix?: string; partitions?: number } = {}): Promise<AnalyticsHarness> {
    const testDatabase = await createTestDatabase('analytics');
    await runMigrations(analyticsDatabaseOptions(testDatabase.ownerUrl));
    const { dataSource, sqlStatements } = createAnalyticsDataSource(testDatabase.appUrl);
    await dataSource.initialize();
    const database = new TenantScopedDatabase(dataSource);
    const topicPrefix = options.topicPrefix ?? `${uniqueKafkaName('analytics')}.`;
    if (!options.topicPrefix) {
      await createTestTopics(
        ALL_SERVICES.flatMap((service) => {
          const topic = topicPrefix + eventsTopic(service);
          return [topic, `${topic}.dlq`];
        }),
        { partitions: options.partitions ?? 3 },
      );
    }
    const { subgraph } = await startTestSubgraph({
      name: 'analytics',
      configShape: analyticsConfigShape,
      env: {
        ANALYTICS_DATABASE_URL: testDatabase.appUrl,
        ANALYTICS_DEFAULT_CURRENCY: 'IRR',
        ANALYTICS_DEFAULT_TIME_ZONE: 'UTC',
      },
      jwtSecret: TEST_JWT_SECRET,
      database,
      start: startAnalyticsSubgraph,
    });
    const owner = new Pool({ connectionString: testDatabase.ownerUrl, max: 2 });
    // An idle set-up connection the server closes is not what any test checks; unhandled, the
    // pool's 'error' event would crash the whole test file.
    owner.on('error', () => undefined);
    return new AnalyticsHarness(
      testDatabase,
      dataSource,
      database,
      topicPrefix,
      subgraph,
      sqlStatements,
      owner,
    );
  }

  get groupId(): string {
    return consumerGroupId(this.topicPrefix, 'analytics', READ_MODEL_PURPOSE);
  }

  async startConsumer(): Promise<void> {
    this.consumer = createReadModelConsumer({
      kafka: createKafka({
        brokers: ['127.0.0.1:9092'],
        clientId: 'analytics-test',
        logger: createLogger('kafka', 'silent'),
      }),
      database: this.database,
      logger: createLogger('analytics', 'silent'),
      topicPrefix: this.topicPrefix,
      defaultTimeZone: 'UTC',
    });
    await this.consumer.start();
  }

  /**
   * Publishes envelopes as the producing services' relays would (keyed by subject, on the prefixed
   * topic), one at a time in the given order: the order across topics is what the test chose.
   */
  async publish(envelopes: EventEnvelope[]): Promise<void> {
    const producer = createTestKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (const envelope of envelopes) {
        const service = envelope.source.replace('crm/', '') as PublishingService;
        await producer.send({
          topic: this.topicPrefix + eventsTopic(service),
          messages: [{ key: envelope.subject, value: JSON.stringify(envelope) }],
          acks: -1,
        });
      }
    } finally {
      await producer.disconnect();
    }
  }

  /** Waits until the consumer has committed everything on every topic it reads. */
  async waitUntilCaughtUp(timeoutMs = 120_000): Promise<void> {
    for (const topic of subscribedTopics(this.topicPrefix, PROJECTED_SERVICES)) {
      const end = await topicEndOffsets(topic);
      await eventually(
        `${this.groupId} to commit ${topic}`,
        () => committedOffsets(this.groupId, topic),
        (committed) =>
          [...end].every(([partition, offset]) => (committed.get(partition) ?? -1) >= offset || offset === 0),
        { timeoutMs, intervalMs: 250 },
      );
    }
  }

  tokenFor(tenantId: string, roles: Role[] = ['ANALYST']): Promise<string> {
    return signAccessToken(
      { tenantId, userId: '00000000-0000-7000-8000-000000000001', roles, email: 'analyst@test.example' },
      { secret: TEST_JWT_SECRET },
    );
  }

  async query(
    tenantId: string,
    query: string,
    variables: Record<string, unknown> = {},
    roles?: Role[],
  ): Promise<GraphQLResult> {
    return postGraphQL(this.subgraph.url, query, { token: await this.tokenFor(tenantId, roles), variables });
  }

  async ownerQuery<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return (await this.owner.query(sql, parameters)).rows as T[];
  }

  async stop(options: { keepTopics?: boolean } = {}): Promise<void> {
    await this.consumer?.stop();
    await this.subgraph.stop();
    await this.dataSource.destroy();
    await this.owner.end();
    await this.testDatabase.drop();
    if (!options.keepTopics) {
      await deleteTestTopics(
        ALL_SERVICES.flatMap((service) => {
          const topic = this.topicPrefix + eventsTopic(service);
          return [topic, `${topic}.dlq`];
        }),
      );
    }
  }
}
