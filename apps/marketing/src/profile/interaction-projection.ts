import type { EntityManager } from 'typeorm';

/** GREATEST: a late or repeated activity never moves the last interaction backwards. */
export async function recordInteraction(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  at: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "customer_profiles" AS "p" ("tenant_id", "account_id", "last_interaction_at") VALUES ($1, $2, $3)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
       "last_interaction_at" = GREATEST("p"."last_interaction_at", EXCLUDED."last_interaction_at"), "updated_at" = now()`,
    [tenantId, accountId, at],
  );
}
