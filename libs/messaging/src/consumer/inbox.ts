import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@crm/events';

/**
 * Records the event as applied by this consumer group, in the caller's transaction. False when it
 * was already there: the effect exists and must not be applied again. A concurrent claim of the
 * same event (two group members during a rebalance) waits on the primary key and then sees it.
 */
export async function claimInInbox(
  manager: EntityManager,
  consumerGroup: string,
  event: EventEnvelope,
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type") VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING "event_id"`,
    [event.tenantid, consumerGroup, event.id, event.type],
  );
  return inserted.length > 0;
}
