import type { ProjectionScope } from './read-model-scope';

/**
 * The account a fact belongs to now: an event naming an account that was merged away (delivered
 * after the AccountMerged, e.g. from another topic) is attributed to the survivor.
 */
export async function survivingAccountId(scope: ProjectionScope, accountId: string): Promise<string> {
  const rows: Array<{ merged_into: string | null }> = await scope.manager.query(
    `SELECT "merged_into" FROM "account_dim" WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [scope.tenantId, accountId],
  );
  return rows[0]?.merged_into ?? accountId;
}

/** The same as an SQL expression, to fold the look-up into the statement that writes the fact. */
export function survivingAccountSql(tenantPlaceholder: string, accountPlaceholder: string): string {
  return `COALESCE((SELECT "merged_into" FROM "account_dim"
    WHERE "tenant_id" = ${tenantPlaceholder} AND "account_id" = ${accountPlaceholder}::uuid), ${accountPlaceholder}::uuid)`;
}
