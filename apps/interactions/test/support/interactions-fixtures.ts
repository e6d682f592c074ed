import { v7 as uuidv7 } from 'uuid';
import type { Caller, Role } from '@crm/subgraph';
import type { EventEnvelope } from '@crm/events';
import type { LogActivityInput } from '../../src/generated/graphql';
import type { InteractionsTestDatabase } from './interactions-test-database';

/** A tenant is only an id to interactions: accounts owns tenants and users. */
export function newTenant(role: Role = 'SALES_REP'): Caller {
  return { tenantId: uuidv7(), userId: uuidv7(), roles: [role] };
}

export function colleague(of: Caller, role: Role = 'SALES_REP'): Caller {
  return { tenantId: of.tenantId, userId: uuidv7(), roles: [role] };
}

export function aCall(overrides: Partial<LogActivityInput> = {}): LogActivityInput {
  const startsAt = overrides.startsAt ?? new Date('2026-11-20T09:00:00.000Z');
  return {
    type: 'CALL',
    channel: 'PHONE',
    direction: 'OUTBOUND',
    subject: 'Discovery call',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    accountId: uuidv7(),
    ...overrides,
  };
}

export interface OutboxRow {
  topic: string;
  message_key: string;
  envelope: EventEnvelope<Record<string, unknown>>;
}

/** The outbox rows about one aggregate, oldest first. */
export function outboxRowsAbout(db: InteractionsTestDatabase, aggregateId: string): Promise<OutboxRow[]> {
  return db.ownerQuery<OutboxRow>(
    `SELECT "topic", "message_key", "envelope" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position"`,
    [aggregateId],
  );
}

export function outboxRowsOfType(db: InteractionsTestDatabase, type: string): Promise<OutboxRow[]> {
  return db.ownerQuery<OutboxRow>(
    `SELECT "topic", "message_key", "envelope" FROM "outbox" WHERE "envelope"->>'type' = $1 ORDER BY "position"`,
    [type],
  );
}
