import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, isUuid } from '@crm/subgraph';

export interface CustomerDataExportReference {
  accountId: string;
}

/** Every table interactions keeps about an account, and the SQL selecting its rows ($1 tenant, $2 account). */
const SECTIONS: Record<string, string> = {
  profile: `SELECT "display_name", "emails", "phones", "archived", "updated_at" FROM "account_profiles" WHERE "tenant_id" = $1 AND "account_id" = $2`,
  contacts: `SELECT "contact_id", "first_name", "last_name", "is_primary", "emails", "phones", "updated_at" FROM "contact_profiles" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "contact_id"`,
  consents: `SELECT "channel", "state", "changed_at" FROM "consents" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "channel"`,
  activities: `SELECT "id", "type", "channel", "direction", "status", "subject", "body", "starts_at", "ends_at", "outcome", "contact_ids", "opportunity_id", "order_id", "owner_id", "completed_at", "created_at"
    FROM "activities" WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "id" IN (
      SELECT "ac"."activity_id" FROM "activity_contacts" "ac" JOIN "contact_profiles" "cp"
        ON "cp"."tenant_id" = "ac"."tenant_id" AND "cp"."contact_id" = "ac"."contact_id"
      WHERE "ac"."tenant_id" = $1 AND "cp"."account_id" = $2))
    ORDER BY "starts_at", "id"`,
  timeline: `SELECT "id", "at", "kind", "summary", "activity_id" FROM "timeline_entries" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "at", "id"`,
  tasks: `SELECT "t"."id", "t"."title", "t"."status", "t"."priority", "t"."due_at", "t"."assignee_id", "t"."opportunity_id", "t"."completed_at", "t"."created_at",
      coalesce((SELECT json_agg(json_build_object('remindAt', "r"."remind_at", 'firedAt', "r"."fired_at") ORDER BY "r"."remind_at")
                FROM "reminders" "r" WHERE "r"."tenant_id" = "t"."tenant_id" AND "r"."task_id" = "t"."id"), '[]') AS "reminders"
    FROM "tasks" "t" WHERE "t"."tenant_id" = $1 AND "t"."account_id" = $2 ORDER BY "t"."created_at", "t"."id"`,
  customerMessages: `SELECT "id", "kind", "channel", "recipient", "subject", "body", "status", "order_id", "sent_at", "created_at" FROM "customer_messages" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "created_at", "id"`,
};

function camelCase(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase()),
      value,
    ]),
  );
}

/** GDPR Art 15/20: interactions' part of a customer's data, as JSON, from this tenant only. */
export class DataExportService {
  constructor(private readonly database: TenantScopedDatabase) {}

  async exportFor(tenantId: string, accountId: string): Promise<Record<string, unknown>> {
    if (!isUuid(accountId)) return {};
    return this.database.inTenant(tenantId, (manager) =>
      exportAccount(manager, tenantId, canonicalUuid(accountId)),
    );
  }
}

async function exportAccount(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const [section, sql] of Object.entries(SECTIONS)) {
    const rows: Record<string, unknown>[] = await manager.query(sql, [tenantId, accountId]);
    result[section] = section === 'profile' ? (rows[0] ? camelCase(rows[0]) : null) : rows.map(camelCase);
  }
  return result;
}
