import {
  AccountErasureCompletedBy,
  SYSTEM_ACTOR,
  type AccountErased,
  type EventData,
  type EventEnvelope,
} from '@crm/events';
import { publishEvent } from '@crm/messaging';
import type { ProjectionScope } from './read-model-scope';

/**
 * Right to erasure. Analytics holds two personal items about an account: its display name (a
 * person's name for B2C) and the visitor ids of its tracked visits. The name is dropped; visitor
 * ids are replaced by a one-way hash, so distinct-visitor counts (and every other aggregate) stay
 * the same while the id no longer matches any cookie. Contacts' personal data is never stored here.
 */
export async function eraseAccount(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof AccountErased>>,
): Promise<void> {
  const { accountId, salesModel } = event.data;
  const { manager, tenantId } = scope;
  const erasedAt = new Date();
  await manager.query(
    `INSERT INTO "account_dim" ("tenant_id", "account_id", "sales_model", "erased_at") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "display_name" = NULL, "erased_at" = EXCLUDED."erased_at"`,
    [tenantId, accountId, salesModel, erasedAt],
  );
  await manager.query(
    `UPDATE "visit_fact" SET "visitor_id" = 'erased:' || encode(sha256(convert_to("visitor_id", 'UTF8')), 'hex')
     WHERE "tenant_id" = $1 AND "account_id" = $2 AND "visitor_id" NOT LIKE 'erased:%'`,
    [tenantId, accountId],
  );
  await publishEvent(manager, AccountErasureCompletedBy.analytics, {
    tenantId,
    actorId: SYSTEM_ACTOR,
    aggregateId: accountId,
    aggregateVersion: 1,
    data: { accountId, service: 'analytics', completedAt: erasedAt.toISOString() },
  });
}
