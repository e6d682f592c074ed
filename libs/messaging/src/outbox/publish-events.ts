import type { EntityManager } from 'typeorm';
import {
  createEnvelope,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type NewEventFacts,
} from '@crm/events';

/** One validated event waiting to be written to the outbox by `publishEvents`. */
export interface PendingEvent {
  topic: string;
  envelope: EventEnvelope<unknown>;
}

/** Builds and validates an event for `publishEvents`; invalid data throws here, before anything is written. */
export function pendingEvent<TDefinition extends EventDefinition>(
  definition: TDefinition,
  facts: NewEventFacts<EventData<TDefinition>>,
): PendingEvent {
  return { topic: definition.topic, envelope: createEnvelope(definition, facts) };
}

/**
 * `publishEvent` for many events at once (bulk imports): one INSERT for the whole list, through the
 * caller's transaction, in list order (the relay publishes in insert order). The envelopes travel as
 * one JSON parameter, so the statement stays within PostgreSQL's parameter limit at any size.
 */
export async function publishEvents(manager: EntityManager, events: readonly PendingEvent[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('publishEvents needs the EntityManager of the transaction that changes state');
  }
  if (events.length === 0) return;
  const rows = events.map(({ topic, envelope }) => ({
    id: envelope.id,
    tenant_id: envelope.tenantid,
    topic,
    message_key: envelope.subject,
    envelope,
  }));
  await manager.query(
    `INSERT INTO "outbox" ("id", "tenant_id", "topic", "message_key", "envelope")
     SELECT "r"."id", "r"."tenant_id", "r"."topic", "r"."message_key", "r"."envelope"
     FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
       AS ("id" uuid, "tenant_id" uuid, "topic" text, "message_key" text, "envelope" jsonb))
       WITH ORDINALITY AS "r"("id", "tenant_id", "topic", "message_key", "envelope", "n")
     ORDER BY "r"."n"`,
    [JSON.stringify(rows)],
  );
}
