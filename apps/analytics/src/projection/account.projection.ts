import type { EventData, EventEnvelope } from '@crm/events';
import type { AccountArchived, AccountCreated, AccountUpdated } from '@crm/events';
import type { ProjectionScope } from './read-model-scope';

type AccountSnapshot = EventData<typeof AccountCreated> | EventData<typeof AccountUpdated>;

/**
 * The account dimension keeps the newest snapshot by aggregate version (`sequence`), so an update
 * delivered before its create, or a redelivered old snapshot, never overwrites newer attributes.
 * An erased account keeps no name, whatever snapshot arrives later.
 */
export async function upsertAccountDimension(
  scope: ProjectionScope,
  event: EventEnvelope<AccountSnapshot>,
): Promise<void> {
  const account = event.data;
  await scope.manager.query(
    `INSERT INTO "account_dim" ("tenant_id", "account_id", "kind", "sales_model", "display_name", "industry",
       "tier", "owner_id", "lifecycle_stage", "is_archived", "sequence")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
       "kind" = EXCLUDED."kind", "sales_model" = EXCLUDED."sales_model",
       "display_name" = CASE WHEN "account_dim"."erased_at" IS NULL THEN EXCLUDED."display_name" END,
       "industry" = EXCLUDED."industry", "tier" = EXCLUDED."tier", "owner_id" = EXCLUDED."owner_id",
       "lifecycle_stage" = EXCLUDED."lifecycle_stage", "is_archived" = EXCLUDED."is_archived",
       "sequence" = EXCLUDED."sequence"
     WHERE "account_dim"."sequence" < EXCLUDED."sequence"`,
    [
      scope.tenantId,
      account.accountId,
      account.kind,
      account.salesModel,
      account.displayName,
      account.industry,
      account.tier,
      account.ownerId,
      account.lifecycleStage,
      account.archived,
      Number(event.sequence),
    ],
  );
}

export async function archiveAccountDimension(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof AccountArchived>>,
): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "account_dim" ("tenant_id", "account_id", "sales_model", "is_archived", "sequence")
     VALUES ($1, $2, $3, true, $4)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "is_archived" = true, "sequence" = EXCLUDED."sequence"
     WHERE "account_dim"."sequence" < EXCLUDED."sequence"`,
    [scope.tenantId, event.data.accountId, event.data.salesModel, Number(event.sequence)],
  );
}
