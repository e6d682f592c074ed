import type { EntityManager } from 'typeorm';
import {
  createEnvelope,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type NewEventFacts,
} from '@crm/events';

/**
 * Records a domain event in the outbox through the caller's transaction, so the event exists if and
 * only if the state change it describes committed. Kafka is never touched here: the relay publishes
 * the row once the transaction is visible. Invalid data throws before anything is written.
 */
export async function publishEvent<TDefinition extends EventDefinition>(
  manager: EntityManager,
  definition: TDefinition,
  facts: NewEventFacts<EventData<TDefinition>>,
): Promise<EventEnvelope<EventData<TDefinition>>> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      `publishEvent(${definition.type}) needs the EntityManager of the transaction that changes state`,
    );
  }
  const envelope = createEnvelope(definition, facts);
  await manager.query(
    `INSERT INTO "outbox" ("id", "tenant_id", "topic", "message_key", "envelope") VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [envelope.id, envelope.tenantid, definition.topic, envelope.subject, JSON.stringify(envelope)],
  );
  return envelope;
}
