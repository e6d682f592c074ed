import type { PipelineTestDatabase } from './pipeline-test-database';

/** Writes the price projection directly, as the orders consumer would (its own test covers that path). */
export async function seedProduct(
  db: PipelineTestDatabase,
  tenantId: string,
  product: { id: string; name: string; taxRateBasisPoints: number; active?: boolean },
): Promise<void> {
  await db.ownerQuery(
    `INSERT INTO "products" ("tenant_id", "id", "sku", "name", "tax_rate_basis_points", "active") VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      tenantId,
      product.id,
      `SKU-${product.id.slice(-4)}`,
      product.name,
      product.taxRateBasisPoints,
      product.active ?? true,
    ],
  );
}

export async function seedPriceList(
  db: PipelineTestDatabase,
  tenantId: string,
  list: {
    id: string;
    salesModel: 'B2B' | 'B2C';
    tier: string | null;
    currency: string;
    isDefault: boolean;
    taxInclusive?: boolean;
    entries: { productId: string; minQuantity: number; unitPriceMinor: string }[];
  },
): Promise<void> {
  await db.ownerQuery(
    `INSERT INTO "price_lists" ("tenant_id", "id", "name", "sales_model", "tier", "currency", "tax_inclusive", "is_default")
     VALUES ($1, $2, 'List', $3, $4, $5, $6, $7)`,
    [
      tenantId,
      list.id,
      list.salesModel,
      list.tier,
      list.currency,
      list.taxInclusive ?? false,
      list.isDefault,
    ],
  );
  for (const entry of list.entries) {
    await db.ownerQuery(
      `INSERT INTO "price_list_entries" ("tenant_id", "price_list_id", "product_id", "min_quantity", "unit_price_minor") VALUES ($1, $2, $3, $4, $5)`,
      [tenantId, list.id, entry.productId, entry.minQuantity, entry.unitPriceMinor],
    );
  }
}
