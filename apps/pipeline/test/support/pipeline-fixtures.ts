import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import type { EventEnvelope } from '@crm/events';
import type { Caller, Role } from '@crm/subgraph';
import { createPipelineServices, type PipelineServices } from '../../src/services';
import type { PipelineTestDatabase } from './pipeline-test-database';

export const TEST_JWT_SECRET = 'pipeline-test-secret-pipeline-test-secret';

export function testServices(database: TenantScopedDatabase): PipelineServices {
  return createPipelineServices(database, { currency: 'IRR', phoneRegion: 'IR' });
}

/** A caller of a tenant that exists only in tokens: pipeline keeps no tenant table of its own. */
export function newTenantCaller(role: Role = 'ADMIN'): Caller {
  return { tenantId: randomUUID(), userId: uuidv7(), roles: [role] };
}

export function sameTenant(caller: Caller, role: Role): Caller {
  return { tenantId: caller.tenantId, userId: uuidv7(), roles: [role] };
}

export interface OutboxRow {
  topic: string;
  message_key: string;
  envelope: EventEnvelope<Record<string, unknown>>;
}

/** The outbox rows about one aggregate, oldest first. */
export function outboxRowsAbout(db: PipelineTestDatabase, aggregateId: string): Promise<OutboxRow[]> {
  return db.ownerQuery<OutboxRow>(
    `SELECT "topic", "message_key", "envelope" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position"`,
    [aggregateId],
  );
}

/** Event types in the outbox about one aggregate, oldest first. */
export async function eventTypesAbout(db: PipelineTestDatabase, aggregateId: string): Promise<string[]> {
  return (await outboxRowsAbout(db, aggregateId)).map((row) => row.envelope.type);
}
