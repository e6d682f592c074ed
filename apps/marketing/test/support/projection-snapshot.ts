import type { MarketingTestDatabase } from './marketing-test-database';

/** Everything the projection holds for a tenant, in a stable order, without bookkeeping timestamps. */
export async function projectionSnapshot(db: MarketingTestDatabase, tenantId: string): Promise<unknown> {
  const rows = (sql: string) => db.ownerQuery(sql, [tenantId]);
  const profiles = await rows(
    `SELECT * FROM "customer_profiles" WHERE "tenant_id" = $1 ORDER BY "account_id"`,
  );
  return {
    profiles: profiles.map(({ updated_at: _updatedAt, ...profile }) => ({
      ...profile,
      purchased_categories: [...(profile['purchased_categories'] as string[])].sort(),
      purchased_product_ids: [...(profile['purchased_product_ids'] as string[])].sort(),
    })),
    contacts: await rows(`SELECT * FROM "profile_contacts" WHERE "tenant_id" = $1 ORDER BY "contact_id"`),
    orders: await rows(`SELECT * FROM "profile_orders" WHERE "tenant_id" = $1 ORDER BY "order_id"`),
  };
}
