import type { EventEnvelope } from '@crm/events';
import type { MarketingTestDatabase } from './marketing-test-database';

/** The events of one type marketing has written to its outbox for a tenant, oldest first. */
export async function outboxEvents(
  db: MarketingTestDatabase,
  tenantId: string,
  type: string,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const rows = await db.ownerQuery<{ envelope: EventEnvelope<Record<string, unknown>> }>(
    `SELECT "envelope" FROM "outbox" WHERE "tenant_id" = $1 AND "envelope"->>'type' = $2 ORDER BY "position"`,
    [tenantId, type],
  );
  return rows.map((row) => row.envelope);
}
