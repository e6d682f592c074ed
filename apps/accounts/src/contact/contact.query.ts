import type { EntityManager } from 'typeorm';
import { hydrateEntities } from '@crm/database';
import { type ListingPosition, listingEdges } from '@crm/subgraph';
import { ContactEntity } from './contact.entity';
import type { ContactPage } from './contact.page';

/**
 * One page of contacts for each of many accounts, in one statement: for every account a LATERAL
 * subquery reads at most `pageSize + 1` contacts from the (tenant_id, account_id, created_at, id)
 * index, and another counts them all. Unlike ranking every contact with row_number() and filtering,
 * the work stays bounded by the page size, and the total survives a cursor past the last contact.
 */
const CONTACT_PAGES = `
  SELECT "requested"."account_id" AS "requested_account_id", "totals"."total_count", "page".*
  FROM unnest($2::uuid[]) AS "requested" ("account_id")
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS "total_count" FROM "contacts" "c"
    WHERE "c"."tenant_id" = $1 AND "c"."account_id" = "requested"."account_id"
  ) AS "totals"
  LEFT JOIN LATERAL (
    SELECT "c".* FROM "contacts" "c"
    WHERE "c"."tenant_id" = $1 AND "c"."account_id" = "requested"."account_id"
      AND ($3::timestamptz IS NULL OR ("c"."created_at", "c"."id") > ($3::timestamptz, $4::uuid))
    ORDER BY "c"."created_at", "c"."id"
    LIMIT $5
  ) AS "page" ON true
  ORDER BY "requested"."account_id", "page"."created_at", "page"."id"`;

interface ContactPageRow extends Record<string, unknown> {
  requested_account_id: string;
  total_count: number;
  /** Null on the one row of an account without contacts (after the cursor). */
  id: string | null;
}

export async function selectContactPages(
  manager: EntityManager,
  tenantId: string,
  accountIds: readonly string[],
  pageSize: number,
  after: ListingPosition | null,
): Promise<ContactPage[]> {
  const rows: ContactPageRow[] = await manager.query(CONTACT_PAGES, [
    tenantId,
    accountIds,
    after?.createdAt ?? null,
    after?.id ?? null,
    pageSize + 1,
  ]);
  const rowsByAccount = new Map<string, ContactPageRow[]>();
  for (const row of rows) {
    rowsByAccount.set(row.requested_account_id, [
      ...(rowsByAccount.get(row.requested_account_id) ?? []),
      row,
    ]);
  }
  return accountIds.map((accountId) => {
    const accountRows = rowsByAccount.get(accountId) ?? [];
    const contacts = hydrateEntities(
      manager,
      ContactEntity,
      accountRows.filter((row) => row.id !== null),
    );
    return { ...listingEdges(contacts, pageSize), totalCount: accountRows[0]?.total_count ?? 0 };
  });
}
