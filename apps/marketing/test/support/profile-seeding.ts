import { randomUUID } from 'node:crypto';
import { recomputeOrderAggregates } from '../../src/profile/order-projection';
import type { MarketingTestDatabase } from './marketing-test-database';

export interface SeedProfile {
  accountId?: string;
  kind?: 'COMPANY' | 'PERSON';
  salesModel?: 'B2B' | 'B2C';
  displayName?: string;
  firstName?: string | null;
  industry?: string | null;
  tier?: string | null;
  city?: string | null;
  tags?: string[];
  lifecycleStage?: 'PROSPECT' | 'CUSTOMER' | 'CHURNED';
  emails?: string[];
  phones?: string[];
  archived?: boolean;
  erased?: boolean;
  lastInteractionAt?: string | null;
  orders?: {
    placedAt: string;
    totalMinor: number;
    categories?: string[];
    productIds?: string[];
    cancelled?: boolean;
  }[];
}

/**
 * Writes profiles and their orders straight into the projection tables (as the owner), for tests of
 * what reads profiles (segments, sending) that should not depend on Kafka. Aggregates come from the
 * projection's own recompute.
 */
export async function seedProfiles<const T extends readonly SeedProfile[]>(
  db: MarketingTestDatabase,
  tenantId: string,
  profiles: T,
): Promise<{ [K in keyof T]: string }> {
  const ids: string[] = [];
  for (const profile of profiles) {
    const accountId = profile.accountId ?? randomUUID();
    ids.push(accountId);
    await db.ownerQuery(
      `INSERT INTO "customer_profiles" ("tenant_id", "account_id", "kind", "sales_model", "display_name", "first_name",
         "industry", "tier", "city", "tags", "lifecycle_stage", "emails", "phones", "archived", "erased", "last_interaction_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        tenantId,
        accountId,
        profile.kind ?? 'PERSON',
        profile.salesModel ?? 'B2C',
        profile.displayName ?? 'Customer',
        profile.firstName ?? null,
        profile.industry ?? null,
        profile.tier ?? null,
        profile.city ?? null,
        profile.tags ?? [],
        profile.lifecycleStage ?? 'CUSTOMER',
        profile.emails ?? [],
        profile.phones ?? [],
        profile.archived ?? false,
        profile.erased ?? false,
        profile.lastInteractionAt ?? null,
      ],
    );
    for (const order of profile.orders ?? []) {
      await db.ownerQuery(
        `INSERT INTO "profile_orders" ("tenant_id", "order_id", "account_id", "placed_at", "total_minor", "currency",
           "cancelled", "product_ids", "categories") VALUES ($1, $2, $3, $4, $5, 'IRR', $6, $7, $8)`,
        [
          tenantId,
          randomUUID(),
          accountId,
          order.placedAt,
          order.totalMinor,
          order.cancelled ?? false,
          order.productIds ?? [],
          order.categories ?? [],
        ],
      );
    }
  }
  for (const accountId of ids) {
    await db.database.inTenant(tenantId, (manager) => recomputeOrderAggregates(manager, tenantId, accountId));
  }
  return ids as { [K in keyof T]: string };
}
