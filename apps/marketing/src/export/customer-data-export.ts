import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, isUuid } from '@crm/subgraph';

/**
 * Marketing's part of an account's data export (GDPR Art 15/20): every row it holds about the
 * account and its contacts, as stored. Read in one transaction, so the parts are consistent.
 */
export class CustomerDataExportService {
  constructor(private readonly database: TenantScopedDatabase) {}

  async exportAccount(tenantId: string, accountId: string): Promise<Record<string, unknown>> {
    if (!isUuid(accountId)) return {};
    const id = canonicalUuid(accountId);
    return this.database.inTenant(tenantId, async (manager) => {
      const query = (sql: string) => manager.query(sql, [tenantId, id]);
      const [profile] = await query(
        `SELECT * FROM "customer_profiles" WHERE "tenant_id" = $1 AND "account_id" = $2`,
      );
      return {
        profile: profile ?? null,
        contacts: await query(
          `SELECT * FROM "profile_contacts" WHERE "tenant_id" = $1 AND "account_id" = $2`,
        ),
        orders: await query(
          `SELECT "order_id", "placed_at", "total_minor", "currency", "refunded_minor", "cancelled", "categories"
           FROM "profile_orders" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "placed_at"`,
        ),
        consents: await query(
          `SELECT "channel", "state", "source", "changed_at" FROM "consents" WHERE "tenant_id" = $1 AND "account_id" = $2`,
        ),
        campaignMessages: await query(
          `SELECT "r"."campaign_id", "c"."name" AS "campaign_name", "r"."status", "r"."message_id", "r"."sent_at",
             "r"."opened_at", "r"."clicked_at", "r"."error"
           FROM "campaign_recipients" "r" JOIN "campaigns" "c" ON "c"."tenant_id" = "r"."tenant_id" AND "c"."id" = "r"."campaign_id"
           WHERE "r"."tenant_id" = $1 AND "r"."account_id" = $2 ORDER BY "r"."sent_at" NULLS LAST`,
        ),
        visits: await query(
          `SELECT "id", "visitor_id", "url", "utm_source", "utm_medium", "utm_campaign", "campaign_id", "visited_at"
           FROM "visits" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "visited_at"`,
        ),
      };
    });
  }
}
