import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, isUuid } from '@crm/subgraph';

/** The federated export entity as the gateway names it; accounts owns the query. */
export interface CustomerDataExportReference {
  accountId: string;
}

/**
 * Every record pipeline holds about one account and its people (GDPR Art 15/20), as plain JSON:
 * the leads it was converted from, its opportunities with their buying committee, stage history
 * and line items, and its quotes with their lines. Tenant-scoped like every other read.
 */
export async function exportCustomerData(
  database: TenantScopedDatabase,
  tenantId: string,
  accountId: string,
): Promise<Record<string, unknown>> {
  if (!isUuid(accountId)) return emptyExport();
  return database.inTenant(tenantId, async (manager) => {
    const select = (sql: string) => manager.query(sql, [tenantId, canonicalUuid(accountId)]);
    const opportunitiesOfAccount = `SELECT "id" FROM "opportunities" WHERE "tenant_id" = $1 AND "account_id" = $2`;
    // One after another: the statements share the transaction's connection.
    const sections: Record<string, string> = {
      leads: `SELECT "id", "status", "source", "sales_model", "company_name", "first_name", "last_name", "email",
           "phone", "campaign_id", "score", "owner_id", "custom_fields", "disqualified_reason",
           "converted_contact_id", "converted_opportunity_id", "converted_at", "created_at"
         FROM "leads" WHERE "tenant_id" = $1 AND "converted_account_id" = $2 ORDER BY "created_at"`,
      opportunities: `SELECT "id", "name", "pipeline_id", "stage_id", "sales_model", "amount_minor", "currency",
           "probability_override", "expected_close_date", "owner_id", "source", "campaign_id", "lead_id",
           "lost_reason", "closed_at", "created_at", "updated_at"
         FROM "opportunities" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "created_at"`,
      contactRoles: `SELECT "opportunity_id", "contact_id", "role", "is_primary" FROM "opportunity_contact_roles"
         WHERE "tenant_id" = $1 AND "opportunity_id" IN (${opportunitiesOfAccount})`,
      stageHistory: `SELECT "opportunity_id", "stage_id", "entered_at", "exited_at" FROM "stage_visits"
         WHERE "tenant_id" = $1 AND "opportunity_id" IN (${opportunitiesOfAccount}) ORDER BY "entered_at"`,
      lineItems: `SELECT "id", "opportunity_id", "quote_id", "product_id", "description", "quantity", "unit_price_minor",
           "currency", "discount_basis_points", "tax_rate_basis_points", "discount_minor", "tax_minor", "total_minor"
         FROM "line_items" WHERE "tenant_id" = $1 AND "opportunity_id" IN (${opportunitiesOfAccount})
         ORDER BY "quote_id" NULLS FIRST, "position"`,
      quotes: `SELECT "id", "number", "opportunity_id", "status", "currency", "valid_until", "subtotal_minor",
           "discount_minor", "tax_minor", "total_minor", "to_contact_id", "sent_at", "accepted_at", "rejected_at",
           "rejection_reason", "created_at"
         FROM "quotes" WHERE "tenant_id" = $1 AND "opportunity_id" IN (${opportunitiesOfAccount}) ORDER BY "created_at"`,
    };
    const exported: Record<string, unknown> = {};
    for (const [section, sql] of Object.entries(sections)) exported[section] = await select(sql);
    return exported;
  });
}

function emptyExport(): Record<string, unknown> {
  return { leads: [], opportunities: [], contactRoles: [], stageHistory: [], lineItems: [], quotes: [] };
}
