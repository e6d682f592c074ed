import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@crm/events';
import { createKafka, toKafkaMessage, type EventConsumer } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import {
  createTestKafka,
  createTestTopics,
  deleteTestTopics,
  eventually,
  produceRawMessages,
  testKafkaBrokers,
  uniqueKafkaName,
} from '@crm/testing';
import { createProfileConsumer } from '../src/events/profile-consumer';
import { profileEventHandlers } from '../src/events/profile-handlers';
import { EventFactory } from './support/event-factory';
import { createMarketingTestDatabase, type MarketingTestDatabase } from './support/marketing-test-database';
import { projectionSnapshot } from './support/projection-snapshot';

const prefix = `${uniqueKafkaName('marketing-profiles')}.`;
const topicOf = (service: string) => `${prefix}crm.${service}.events`;
const topics = ['accounts', 'orders', 'interactions'].map(topicOf);
const logger = createLogger('marketing-test', 'silent');
const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'marketing-profile-test', logger });

/** A customer's history across the three topics: created, ordered, refunded, cancelled, called. */
function history(factory: EventFactory) {
  const person = factory.account({ tier: null });
  const company = factory.account({
    kind: 'COMPANY',
    salesModel: 'B2B',
    displayName: 'Roastery Ltd',
    firstName: null,
  });
  const coffeeAndTea = factory.orderPlaced(person.accountId, {
    totalMinor: 3_000_000,
    placedAt: '2026-05-01T08:00:00.000Z',
    categories: ['coffee', 'tea'],
  });
  const cancelled = factory.orderPlaced(person.accountId, {
    totalMinor: 1_000_000,
    placedAt: '2026-05-10T08:00:00.000Z',
    categories: ['grinder'],
  });
  const events: { topic: string; envelope: EventEnvelope }[] = [
    { topic: topicOf('accounts'), envelope: factory.accountCreated(person) },
    { topic: topicOf('accounts'), envelope: factory.accountCreated(company) },
    { topic: topicOf('accounts'), envelope: factory.contactCreated(company.accountId, 'Reza') },
    { topic: topicOf('orders'), envelope: coffeeAndTea },
    { topic: topicOf('orders'), envelope: cancelled },
    { topic: topicOf('orders'), envelope: factory.paymentRefunded(coffeeAndTea, 500_000) },
    { topic: topicOf('orders'), envelope: factory.orderCancelled(cancelled) },
    {
      topic: topicOf('interactions'),
      envelope: factory.activityLogged(person.accountId, '2026-05-12T09:30:00.000Z'),
    },
    { topic: topicOf('accounts'), envelope: factory.accountUpdated({ ...person, tier: 'gold' }, ['tier']) },
  ];
  return { person, company, events };
}

const EXPECTED_PERSON = {
  kind: 'PERSON',
  sales_model: 'B2C',
  first_name: 'Sara',
  city: 'Tehran',
  tier: 'gold',
  order_count: 1,
  total_spent_minor: '2500000',
  refunded_minor: '500000',
  purchased_categories: ['coffee', 'tea'],
  last_interaction_at: new Date('2026-05-12T09:30:00.000Z'),
  erased: false,
};

async function profileOf(db: MarketingTestDatabase, accountId: string) {
  const [profile] = await db.ownerQuery<Record<string, unknown>>(
    `SELECT * FROM "customer_profiles" WHERE "account_id" = $1`,
    [accountId],
  );
  return profile;
}

describe('customer profile projection', () => {
  let db: MarketingTestDatabase;
  let consumer: EventConsumer | undefined;

  beforeAll(async () => {
    db = await createMarketingTestDatabase();
    await createTestTopics(topics);
  });

  afterAll(async () => {
    await consumer?.stop();
    await db.close();
    await deleteTestTopics(topics, createTestKafka());
  });

  it('applies each handler idempotently: every event applied twice gives the same projection as once', async () => {
    const once = new EventFactory(randomUUID());
    const twice = new EventFactory(randomUUID());
    const apply = async (factory: EventFactory, times: number) => {
      const { events, person } = history(factory);
      for (const { envelope } of events) {
        for (let round = 0; round < times; round += 1) {
          const handler = profileEventHandlers[envelope.type];
          if (!handler) throw new Error(`no handler for ${envelope.type}`);
          await db.database.inTenant(factory.tenantId, (manager) => handler(manager, envelope));
        }
      }
      return person;
    };
    const person = await apply(twice, 2);
    await apply(once, 1);
    expect(await profileOf(db, person.accountId)).toMatchObject(EXPECTED_PERSON);
    // The two histories differ only in their random ids: compare with ids masked, rows in a stable order.
    const strip = (snapshot: unknown) =>
      Object.fromEntries(
        Object.entries(snapshot as Record<string, unknown[]>).map(([table, rows]) => [
          table,
          rows
            .map((row) =>
              JSON.stringify(row).replace(
                /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
                'id',
              ),
            )
            .sort(),
        ]),
      );
    expect(strip(await projectionSnapshot(db, twice.tenantId))).toEqual(
      strip(await projectionSnapshot(db, once.tenantId)),
    );
  });

  it('builds the profile from Kafka with every message delivered twice, and rebuilds it identically from offset 0', async () => {
    const factory = new EventFactory(randomUUID());
    const { person, company, events } = history(factory);
    for (const { topic, envelope } of events) {
      const message = toKafkaMessage(envelope);
      await produceRawMessages(topic, [message, message]);
    }
    const live = createProfileConsumer({ kafka, database: db.database, logger, topicPrefix: prefix });
    consumer = live;
    await live.start();
    await eventually(
      'the whole history projected',
      async () => (await profileOf(db, person.accountId))?.['tier'],
      (tier) => tier === 'gold',
    );
    await eventually(
      'every delivery consumed',
      async () => live.metrics,
      (metrics) => metrics.processed + metrics.duplicatesSkipped >= events.length * 2,
    );
    expect(live.metrics.duplicatesSkipped).toBeGreaterThanOrEqual(events.length);
    expect(await profileOf(db, person.accountId)).toMatchObject(EXPECTED_PERSON);
    const [contact] = await db.ownerQuery(`SELECT * FROM "profile_contacts" WHERE "account_id" = $1`, [
      company.accountId,
    ]);
    expect(contact).toMatchObject({ first_name: 'Reza', is_primary: true });
    const built = await projectionSnapshot(db, factory.tenantId);
    await live.stop();
    consumer = undefined;

    // Replay: the same topics from offset 0 into an empty database.
    const rebuiltDb = await createMarketingTestDatabase();
    const admin = kafka.admin();
    await admin.connect();
    for (const topic of topics) {
      await admin.resetOffsets({ groupId: `${prefix}marketing.profiles`, topic, earliest: true });
    }
    await admin.disconnect();
    const replay = createProfileConsumer({
      kafka,
      database: rebuiltDb.database,
      logger,
      topicPrefix: prefix,
    });
    try {
      await replay.start();
      await eventually(
        'the replay consumed every message',
        async () => replay.metrics,
        (metrics) => metrics.processed + metrics.duplicatesSkipped >= events.length * 2,
      );
      expect(await projectionSnapshot(rebuiltDb, factory.tenantId)).toEqual(built);
    } finally {
      await replay.stop();
      await rebuiltDb.close();
    }
  });
});
