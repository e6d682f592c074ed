import { canonicalUuid, type Caller, type FieldErrors, isUuid, LIMITS, requiredText } from '@crm/subgraph';
import type { OrderChannel, SalesModel } from '../common/enums';
import { parseMinorUnits } from '../common/money';
import type { PlaceOrderInput } from '../generated/graphql';
import { resolvePrice, type CandidatePriceList } from '../price-list/price-resolution';
import type { ProductEntity } from '../product/product.entity';
import { percentToBasisPoints, priceLine, type LineAmounts } from './order-arithmetic';

/**
 * The pure rules of placing an order: what a well-formed request is, and how its lines are priced
 * from the catalog. The service loads what these need and writes nothing while errors remain.
 */

export const MAX_LINES = 100;
export const MAX_QUANTITY = 1_000_000;
const CURRENCY = /^[A-Z]{3}$/;
/** Only these may replace a list price with their own (negotiated deals, goodwill). */
const PRICE_OVERRIDE_ROLES = ['ADMIN', 'MANAGER'] as const;

export interface RequestedLine {
  productId: string;
  quantity: number;
  unitPriceMinor: bigint | null;
  discountBasisPoints: number;
}

export interface OrderRequest {
  accountId: string;
  contactId: string | null;
  channel: OrderChannel;
  currency: string | null;
  campaignId: string | null;
  idempotencyKey: string;
  lines: RequestedLine[];
}

/** The request, normalised (ids lower-case, amounts as bigint); every mistake reported on its field. */
export function readOrderRequest(errors: FieldErrors, input: PlaceOrderInput, caller: Caller): OrderRequest {
  const isAllowedToOverride = caller.roles.some((role) =>
    (PRICE_OVERRIDE_ROLES as readonly string[]).includes(role),
  );
  const currency = input.currency?.trim().toUpperCase() || null;
  if (currency !== null && !CURRENCY.test(currency))
    errors.add('currency', 'must be an ISO 4217 code such as IRR');
  if (input.lines.length === 0) errors.add('lines', 'must have at least one line');
  if (input.lines.length > MAX_LINES) errors.add('lines', `must have at most ${MAX_LINES} lines`);
  const lines = input.lines.map((line, index): RequestedLine => {
    const at = (field: string) => `lines[${index}].${field}`;
    if (!isUuid(line.productId)) errors.add(at('productId'), 'is not an id this API returned');
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      errors.add(at('quantity'), `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    let unitPriceMinor: bigint | null = null;
    if (line.unitPriceMinor != null) {
      unitPriceMinor = parseMinorUnits(line.unitPriceMinor);
      if (unitPriceMinor === null) {
        errors.add(
          at('unitPriceMinor'),
          'must be a whole, non-negative number of minor units, e.g. "125000"',
        );
      } else if (!isAllowedToOverride) {
        errors.add(at('unitPriceMinor'), 'only an ADMIN or MANAGER may override the list price');
      }
    }
    const discountBasisPoints = percentToBasisPoints(line.discountPercent ?? 0, 100);
    if (discountBasisPoints === null) {
      errors.add(at('discountPercent'), 'must be between 0 and 100 with at most two decimals');
    }
    return {
      productId: isUuid(line.productId) ? canonicalUuid(line.productId) : line.productId,
      quantity: line.quantity,
      unitPriceMinor,
      discountBasisPoints: discountBasisPoints ?? 0,
    };
  });
  return {
    accountId: optionalId(errors, 'accountId', input.accountId) ?? input.accountId,
    contactId: optionalId(errors, 'contactId', input.contactId),
    channel: input.channel,
    currency,
    campaignId: optionalId(errors, 'campaignId', input.campaignId),
    idempotencyKey: requiredText(errors, 'idempotencyKey', input.idempotencyKey, LIMITS.shortText),
    lines,
  };
}

function optionalId(errors: FieldErrors, field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!isUuid(value)) {
    errors.add(field, 'is not an id this API returned');
    return null;
  }
  return canonicalUuid(value);
}

/** One order line, priced and ready to store. */
export interface PricedLine extends LineAmounts {
  product: ProductEntity;
  quantity: number;
  unitPriceMinor: bigint;
  discountBasisPoints: number;
  taxRateBasisPoints: number;
}

export interface PricedOrder {
  currency: string;
  lines: PricedLine[];
}

/**
 * Prices every line from the buyer's lists (or the allowed override), all in one currency: the
 * requested one, else the first line's list's. Unknown or inactive products, lines no list prices
 * and currency mismatches are reported on their line.
 */
export function priceOrderLines(
  errors: FieldErrors,
  request: OrderRequest,
  buyer: { salesModel: SalesModel; tier: string | null },
  products: ReadonlyMap<string, ProductEntity>,
  lists: readonly CandidatePriceList[],
): PricedOrder {
  let currency = request.currency;
  const lines: PricedLine[] = [];
  request.lines.forEach((line, index) => {
    const at = (field: string) => `lines[${index}].${field}`;
    const product = products.get(line.productId);
    if (!product) return errors.add(at('productId'), 'is not one of your products');
    if (!product.active) return errors.add(at('productId'), `${product.sku} is no longer sold (inactive)`);
    const listPrice = resolvePrice(lists, buyer, product.id, line.quantity);
    if (!listPrice && line.unitPriceMinor === null) {
      return errors.add(
        at('productId'),
        `${product.sku} has no price in the ${buyer.salesModel} price lists`,
      );
    }
    if (listPrice) {
      currency ??= listPrice.currency;
      if (listPrice.currency !== currency) {
        return errors.add(
          'currency',
          `${product.sku} is priced in ${listPrice.currency} by its price list, not ${currency}`,
        );
      }
    } else if (currency === null) {
      return errors.add('currency', 'is required when a line has no list price');
    }
    const unitPriceMinor = line.unitPriceMinor ?? listPrice?.unitPriceMinor ?? 0n;
    const amounts = priceLine({
      unitPriceMinor,
      quantity: line.quantity,
      discountBasisPoints: line.discountBasisPoints,
      taxRateBasisPoints: product.taxRateBasisPoints,
      taxInclusive: listPrice?.taxInclusive ?? false,
    });
    lines.push({
      ...amounts,
      product,
      quantity: line.quantity,
      unitPriceMinor,
      discountBasisPoints: line.discountBasisPoints,
      taxRateBasisPoints: product.taxRateBasisPoints,
    });
  });
  return { currency: currency ?? '', lines };
}
