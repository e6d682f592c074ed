import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SYSTEM_ACTOR, type EventData, type EventEnvelope, type QuoteAccepted } from '@crm/events';
import { payloadHash } from '../common/payload-hash';
import { insertOrder } from '../order/order-writer';
import { findOrderByIdempotencyKey } from '../order/order.query';
import { ProductEntity } from '../product/product.entity';
import { findProducts } from '../product/product.service';
import { publishProductUpserted } from './publishers';

type AcceptedQuote = EventData<typeof QuoteAccepted>;

/** Quote lines that name no product of the catalog are sold as this inactive product. */
export const QUOTED_ITEM_SKU = 'QUOTED-ITEM';

/** The quote id is the idempotency key: however often the quote is accepted, there is one order. */
export function quoteIdempotencyKey(quoteId: string): string {
  return `quote:${quoteId}`;
}

/**
 * An accepted proposal becomes an order at exactly the quoted prices, amounts and taxes: the
 * customer agreed to those, whatever the price lists say today. Linked to its opportunity and quote.
 */
export async function createOrderFromQuote(
  manager: EntityManager,
  event: EventEnvelope<AcceptedQuote>,
): Promise<void> {
  const quote = event.data;
  const tenantId = event.tenantid;
  const idempotencyKey = quoteIdempotencyKey(quote.quoteId);
  if (await findOrderByIdempotencyKey(manager, tenantId, idempotencyKey)) return;

  const catalogIds = quote.lines.flatMap((line) => (line.productId ? [line.productId] : []));
  const products = new Map((await findProducts(manager, tenantId, catalogIds)).map((p) => [p.id, p]));
  const needsQuotedItem = quote.lines.some((line) => !line.productId || !products.has(line.productId));
  const quotedItem = needsQuotedItem ? await quotedItemProduct(manager, tenantId) : null;
  const actorId = quote.ownerId ?? SYSTEM_ACTOR;

  await insertOrder(
    manager,
    {
      tenantId,
      accountId: quote.accountId,
      contactId: quote.contactId,
      salesModel: quote.salesModel,
      channel: 'SALES_REP',
      currency: quote.total.currency,
      campaignId: null,
      opportunityId: quote.opportunityId,
      quoteId: quote.quoteId,
      idempotencyKey,
      payloadHash: payloadHash(quote),
      amounts: {
        subtotalMinor: BigInt(quote.subtotal.amountMinor),
        discountMinor: BigInt(quote.discount.amountMinor),
        taxMinor: BigInt(quote.tax.amountMinor),
        totalMinor: BigInt(quote.total.amountMinor),
      },
      lines: quote.lines.map((line) => {
        const product =
          (line.productId ? products.get(line.productId) : undefined) ?? (quotedItem as ProductEntity);
        const gross = BigInt(line.unitPrice.amountMinor) * BigInt(line.quantity);
        const total = BigInt(line.total.amountMinor);
        const tax = BigInt(line.tax.amountMinor);
        return {
          productId: product.id,
          sku: product.sku,
          description: line.description,
          category: product.category,
          quantity: line.quantity,
          unitPriceMinor: line.unitPrice.amountMinor,
          // Rates kept for display; the quote's own amounts below are what the customer agreed to.
          discountBasisPoints: Math.round(line.discountPercent * 100),
          taxRateBasisPoints: Math.round(line.taxRatePercent * 100),
          grossMinor: gross.toString(),
          // Whatever the quote's tax treatment, what the customer was let off is gross − (total − tax).
          discountMinor: (gross - (total - tax) > 0n ? gross - (total - tax) : 0n).toString(),
          taxMinor: line.tax.amountMinor,
          totalMinor: line.total.amountMinor,
        };
      }),
    },
    actorId,
  );
}

/** Created on first need, inactive so that nobody can place an order for it directly. */
async function quotedItemProduct(manager: EntityManager, tenantId: string): Promise<ProductEntity> {
  const existing = await manager.findOneBy(ProductEntity, { tenantId, sku: QUOTED_ITEM_SKU });
  if (existing) return existing;
  const product = manager.create(ProductEntity, {
    tenantId,
    id: uuidv7(),
    sku: QUOTED_ITEM_SKU,
    name: 'Quoted item',
    type: 'SERVICE',
    category: null,
    unit: 'unit',
    taxRateBasisPoints: 0,
    active: false,
  });
  await manager.insert(ProductEntity, product);
  await publishProductUpserted(manager, product, SYSTEM_ACTOR);
  return product;
}
