import { v7 as uuidv7 } from 'uuid';
import { EventConsumer } from '../src';
import { committedOffsets, eventually, produceRawMessages, uniqueKafkaName } from '@crm/testing';
import { accountCreatedMessage, accountProjectionHandlers } from './support/account-projection';
import { FAST_GROUP } from './support/fast-group';
import { expectKilled, runFixture } from './support/fixture-process';
import { messagingIntegrationSuite } from './support/messaging-integration-suite';

const { logger, kafka, stoppedAfterTest, topics, db } = messagingIntegrationSuite({
  databasePurpose: 'consumer_crash',
  clientId: 'consumer-crash-tests',
  topics: { afterEffect: 'crash-after-effect', duringEffect: 'crash-during-effect' },
});

describe('EventConsumer killed mid-message (SIGKILL), then replaced by a new member of its group', () => {
  /** Kills a consumer of `topic` at `crashPoint` while it handles one event, then restarts the group in-process. */
  async function crashThenRecover(topic: string, crashPoint: 'after-effect' | 'during-effect') {
    const tenantId = uuidv7();
    const groupId = uniqueKafkaName(`crash-${crashPoint}`);
    const { event, message } = accountCreatedMessage(tenantId, `Survives a crash ${crashPoint}`);
    await produceRawMessages(topic, [message]);

    expectKilled(
      await runFixture('consumer-that-dies.ts', {
        FIXTURE_DATABASE_URL: db.testDatabase.appUrl,
        FIXTURE_GROUP_ID: groupId,
        FIXTURE_TOPIC: topic,
        FIXTURE_CRASH_POINT: crashPoint,
      }),
    );
    const projectionOf = () =>
      db.ownerQuery(`SELECT "display_name", "apply_count" FROM "account_projection" WHERE "tenant_id" = $1`, [
        tenantId,
      ]);
    const inboxOf = () => db.ownerQuery(`SELECT "event_id" FROM "inbox" WHERE "tenant_id" = $1`, [tenantId]);
    const afterCrash = {
      projection: await projectionOf(),
      inbox: await inboxOf(),
      committed: await committedOffsets(groupId, topic),
    };

    const survivor = stoppedAfterTest(
      new EventConsumer({
        kafka,
        groupId,
        topics: [topic],
        database: db.database,
        handlers: accountProjectionHandlers(),
        logger,
        fromBeginning: true,
        consumerConfig: FAST_GROUP,
      }),
    );
    await survivor.start();
    try {
      await eventually(
        'the redelivered message committed',
        () => committedOffsets(groupId, topic),
        (offsets) => offsets.get(0) === 1,
      );
    } finally {
      await survivor.stop();
    }
    return {
      event,
      afterCrash,
      afterRecovery: { projection: await projectionOf(), inbox: await inboxOf() },
      metrics: survivor.metrics,
    };
  }

  it('changes nothing on redelivery when it died after the effect committed but before the offset commit', async () => {
    const { event, afterCrash, afterRecovery, metrics } = await crashThenRecover(
      topics.afterEffect,
      'after-effect',
    );

    expect(afterCrash).toEqual({
      projection: [{ display_name: 'Survives a crash after-effect', apply_count: 1 }],
      inbox: [{ event_id: event.id }],
      committed: new Map([[0, -1]]),
    });
    expect(afterRecovery).toEqual({ projection: afterCrash.projection, inbox: afterCrash.inbox });
    expect(metrics).toMatchObject({ processed: 0, duplicatesSkipped: 1 });
  });

  it('applies the event exactly once on redelivery when it died inside the effect transaction', async () => {
    const { event, afterCrash, afterRecovery, metrics } = await crashThenRecover(
      topics.duringEffect,
      'during-effect',
    );

    expect(afterCrash).toEqual({ projection: [], inbox: [], committed: new Map([[0, -1]]) });
    expect(afterRecovery).toEqual({
      projection: [{ display_name: 'Survives a crash during-effect', apply_count: 1 }],
      inbox: [{ event_id: event.id }],
    });
    expect(metrics).toMatchObject({ processed: 1, duplicatesSkipped: 0 });
  });
});
