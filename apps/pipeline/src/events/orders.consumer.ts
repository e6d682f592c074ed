import { PriceListUpdated, ProductUpserted } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { PriceListEntity } from '../pricing/price-list.entity';
import { PriceListEntryEntity } from '../pricing/price-list-entry.entity';
import { ProductEntity } from '../pricing/product.entity';

/**
 * orders' catalog, projected for quote line defaults. PriceListUpdated carries the whole list, so
 * the copy is replaced, never patched: applying the same event twice gives the same rows.
 */
export const ordersEventHandlers: EventHandlers = {
  ...on(ProductUpserted, async (manager, event) => {
    const product = event.data;
    await manager.upsert(
      ProductEntity,
      {
        tenantId: event.tenantid,
        id: product.productId,
        sku: product.sku,
        name: product.name,
        taxRateBasisPoints: Math.round(product.taxRatePercent * 100),
        active: product.active,
      },
      ['tenantId', 'id'],
    );
  }),
  ...on(PriceListUpdated, async (manager, event) => {
    const list = event.data;
    await manager.upsert(
      PriceListEntity,
      {
        tenantId: event.tenantid,
        id: list.priceListId,
        name: list.name,
        salesModel: list.salesModel,
        tier: list.tier,
        currency: list.currency,
        taxInclusive: list.taxInclusive,
        isDefault: list.isDefault,
      },
      ['tenantId', 'id'],
    );
    await manager.delete(PriceListEntryEntity, { tenantId: event.tenantid, priceListId: list.priceListId });
    if (list.entries.length === 0) return;
    // One row per product and break; a repeated break in the event keeps its last price.
    const entries = new Map(list.entries.map((entry) => [`${entry.productId}:${entry.minQuantity}`, entry]));
    await manager.insert(
      PriceListEntryEntity,
      [...entries.values()].map((entry) => ({
        tenantId: event.tenantid,
        priceListId: list.priceListId,
        productId: entry.productId,
        minQuantity: entry.minQuantity,
        unitPriceMinor: entry.unitPriceMinor,
      })),
    );
  }),
};
