import { v7 as uuidv7 } from 'uuid';
import {
  AccountCreated,
  AccountUpdated,
  createEnvelope,
  type EventData,
  type EventEnvelope,
  type NewEventFacts,
} from '@crm/events';
import { on, toKafkaMessage, type EventHandler, type EventHandlers } from '../../src';
import type { Message } from 'kafkajs';
import { accountSnapshotFixture } from '@crm/testing';

type AccountSnapshot = EventData<typeof AccountCreated>;

/**
 * Deliberately NOT idempotent on its own (apply_count + 1 on every run): only the inbox stands
 * between a redelivery and a visible double application.
 */
export const applyAccountSnapshot: EventHandler<AccountSnapshot> = async (manager, event) => {
  await manager.query(
    `INSERT INTO "account_projection" ("tenant_id", "account_id", "display_name", "apply_count") VALUES ($1, $2, $3, 1)
     ON CONFLICT ("tenant_id", "account_id")
     DO UPDATE SET "display_name" = EXCLUDED."display_name", "apply_count" = "account_projection"."apply_count" + 1`,
    [event.tenantid, event.data.accountId, event.data.displayName],
  );
};

export function accountProjectionHandlers(
  apply: EventHandler<AccountSnapshot> = applyAccountSnapshot,
): EventHandlers {
  return {
    ...on(AccountCreated, apply),
    ...on(AccountUpdated, apply),
  };
}

export function accountSnapshot(accountId: string, displayName: string): AccountSnapshot {
  return accountSnapshotFixture(accountId, { displayName, legalName: null });
}

export function accountCreatedFacts(
  tenantId: string,
  displayName: string,
  accountId = uuidv7(),
): NewEventFacts<AccountSnapshot> {
  return {
    tenantId,
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 1,
    data: accountSnapshot(accountId, displayName),
  };
}

/** An AccountCreated event as the relay would have put it on the topic. */
export function accountCreatedMessage(
  tenantId: string,
  displayName: string,
  accountId = uuidv7(),
): { event: EventEnvelope; message: Message } {
  const event = createEnvelope(AccountCreated, accountCreatedFacts(tenantId, displayName, accountId));
  return { event, message: toKafkaMessage(event) };
}
