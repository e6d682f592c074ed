import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type FieldErrors, LIMITS, optionalText } from '@crm/subgraph';
import type { SalesModel } from '../common/enums';
import { optionalAmountMinor, optionalId } from '../common/field-rules';
import { percentToBasisPoints } from '../common/money';
import type { LineItemInput } from '../generated/graphql';
import { LineItemEntity } from '../quote/line-item.entity';
import { lineAmounts, type LineAmounts } from '../quote/quote.arithmetic';
import { PriceListEntity } from './price-list.entity';
import { PriceListEntryEntity } from './price-list-entry.entity';
import { ProductEntity } from './product.entity';
import { resolveApplicablePrice, type PriceListCandidate } from './price-selection';

export const MAX_LINES = 200;
const MAX_QUANTITY = 1_000_000;

/** A validated, priced line, ready to store as an opportunity's or a quote's line item. */
export interface PricedLine extends LineAmounts {
  productId: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: bigint;
  discountBasisPoints: number;
  taxRateBasisPoints: number;
}

export interface PricingContext {
  /** 1 for a quote; 0 where an empty list clears the lines. */
  minLines: number;
  currency: string;
  salesModel: SalesModel;
  tier: string | null;
}

/**
 * Reads line inputs, each problem reported on its own field (`lineItems[2].quantity`), and prices
 * them: the product's name and tax rate from the products projection, a missing unit price from the
 * applicable price list (projection of orders' PriceListUpdated). Two statements for any number of lines.
 */
export async function priceLines(
  manager: EntityManager,
  tenantId: string,
  errors: FieldErrors,
  field: string,
  inputs: readonly LineItemInput[],
  context: PricingContext,
): Promise<PricedLine[]> {
  if (inputs.length < context.minLines) errors.add(field, 'must have at least one line');
  if (inputs.length > MAX_LINES) errors.add(field, `must have at most ${MAX_LINES} lines`);
  const drafts = inputs.map((input, index) => readLine(errors, `${field}[${index}]`, input));
  const productIds = [...new Set(drafts.flatMap((draft) => (draft.productId ? [draft.productId] : [])))];
  const products = await loadProducts(manager, tenantId, productIds);
  const needPrices = drafts.some((draft) => draft.productId && !draft.isPriceGiven);
  const candidates = needPrices ? await loadPriceLists(manager, tenantId, productIds, context) : [];

  return drafts.map((draft, index) => {
    const at = (name: string) => `${field}[${index}].${name}`;
    const product = draft.productId ? products.get(draft.productId) : undefined;
    if (draft.productId && !product) errors.add(at('productId'), 'is not a product known to pipeline (yet)');
    if (product && !product.active) errors.add(at('productId'), 'is no longer sold');
    const taxRateBasisPoints = product?.taxRateBasisPoints ?? 0;
    let unitPriceMinor = draft.unitPriceMinor;
    if (!draft.isPriceGiven && product) {
      const price = resolveApplicablePrice(
        candidates.map((list) => ({ ...list, entries: list.entriesOf(product.id) })),
        { tier: context.tier, quantity: draft.quantity, taxRateBasisPoints },
      );
      if (!price)
        errors.add(
          at('unitPriceMinor'),
          `is required: no ${context.salesModel} price list in ${context.currency} prices this product`,
        );
      unitPriceMinor = price?.unitPriceMinor ?? null;
    } else if (!draft.isPriceGiven && !draft.productId) {
      errors.add(at('unitPriceMinor'), 'is required for a line without a product');
    }
    const description = draft.description ?? product?.name ?? '';
    if (!description) errors.add(at('description'), 'is required for a line without a product');
    const priced = {
      quantity: draft.quantity,
      unitPriceMinor: unitPriceMinor ?? 0n,
      discountBasisPoints: draft.discountBasisPoints,
      taxRateBasisPoints,
    };
    return { ...priced, productId: draft.productId, description, ...lineAmounts(priced) };
  });
}

interface LineDraft {
  productId: string | null;
  description: string | null;
  quantity: number;
  unitPriceMinor: bigint | null;
  /** A price was typed (even an invalid one, reported already): never look one up or ask for it. */
  isPriceGiven: boolean;
  discountBasisPoints: number;
}

function readLine(errors: FieldErrors, at: string, input: LineItemInput): LineDraft {
  const quantityOk = Number.isInteger(input.quantity) && input.quantity > 0 && input.quantity <= MAX_QUANTITY;
  if (!quantityOk) errors.add(`${at}.quantity`, `must be a whole number from 1 to ${MAX_QUANTITY}`);
  const discountBasisPoints = input.discountPercent == null ? 0 : percentToBasisPoints(input.discountPercent);
  if (discountBasisPoints === null)
    errors.add(`${at}.discountPercent`, 'must be between 0 and 100, with at most two decimals');
  return {
    productId: optionalId(errors, `${at}.productId`, input.productId),
    description: optionalText(errors, `${at}.description`, input.description, LIMITS.name),
    quantity: quantityOk ? input.quantity : 1,
    unitPriceMinor: optionalAmountMinor(errors, `${at}.unitPriceMinor`, input.unitPriceMinor),
    isPriceGiven: input.unitPriceMinor != null,
    discountBasisPoints: discountBasisPoints ?? 0,
  };
}

async function loadProducts(
  manager: EntityManager,
  tenantId: string,
  productIds: string[],
): Promise<Map<string, ProductEntity>> {
  if (productIds.length === 0) return new Map();
  const products = await manager
    .createQueryBuilder(ProductEntity, 'product')
    .where('product.tenantId = :tenantId AND product.id = ANY(:productIds)', { tenantId, productIds })
    .getMany();
  return new Map(products.map((product) => [product.id, product]));
}

type LoadedPriceList = Omit<PriceListCandidate, 'entries'> & {
  entriesOf(productId: string): PriceListCandidate['entries'];
};

async function loadPriceLists(
  manager: EntityManager,
  tenantId: string,
  productIds: string[],
  context: PricingContext,
): Promise<LoadedPriceList[]> {
  const lists = await manager
    .createQueryBuilder(PriceListEntity, 'list')
    .where('list.tenantId = :tenantId AND list.salesModel = :salesModel AND list.currency = :currency', {
      tenantId,
      salesModel: context.salesModel,
      currency: context.currency,
    })
    .getMany();
  if (lists.length === 0) return [];
  const entries = await manager
    .createQueryBuilder(PriceListEntryEntity, 'entry')
    .where(
      'entry.tenantId = :tenantId AND entry.priceListId = ANY(:listIds) AND entry.productId = ANY(:productIds)',
      {
        tenantId,
        listIds: lists.map((list) => list.id),
        productIds,
      },
    )
    .getMany();
  return lists.map((list) => ({
    id: list.id,
    tier: list.tier,
    isDefault: list.isDefault,
    taxInclusive: list.taxInclusive,
    entriesOf: (productId) =>
      entries
        .filter((entry) => entry.priceListId === list.id && entry.productId === productId)
        .map((entry) => ({ minQuantity: entry.minQuantity, unitPriceMinor: BigInt(entry.unitPriceMinor) })),
  }));
}

/** Stores priced lines, in order, as an opportunity's own lines (quoteId null) or a quote's copy. */
export async function insertLineItems(
  manager: EntityManager,
  owner: { tenantId: string; opportunityId: string; quoteId: string | null; currency: string },
  lines: readonly PricedLine[],
): Promise<void> {
  if (lines.length === 0) return;
  await manager.insert(
    LineItemEntity,
    lines.map((line, position) => ({
      ...owner,
      id: uuidv7(),
      position,
      productId: line.productId,
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor.toString(),
      discountBasisPoints: line.discountBasisPoints,
      taxRateBasisPoints: line.taxRateBasisPoints,
      discountMinor: line.discountMinor.toString(),
      taxMinor: line.taxMinor.toString(),
      totalMinor: line.totalMinor.toString(),
    })),
  );
}
