import { type FieldErrors, LIMITS, optionalText, requiredText } from '@crm/subgraph';
import type { ProductType } from '../common/enums';
import { percentToBasisPoints } from '../order/order-arithmetic';

export interface ProductFields {
  sku: string;
  name: string;
  type: ProductType;
  category: string | null;
  unit: string;
  taxRateBasisPoints: number;
}

export interface UpsertProductArgs {
  sku: string;
  name: string;
  type: ProductType;
  unit?: string | null;
  taxRatePercent?: number | null;
  category?: string | null;
  active?: boolean | null;
}

const DEFAULT_UNIT = 'unit';
const MAX_TAX_RATE_PERCENT = 100;

export function validateProduct(errors: FieldErrors, args: UpsertProductArgs): ProductFields {
  const taxRateBasisPoints = percentToBasisPoints(args.taxRatePercent ?? 0, MAX_TAX_RATE_PERCENT);
  if (taxRateBasisPoints === null) {
    errors.add('taxRatePercent', `must be between 0 and ${MAX_TAX_RATE_PERCENT} with at most two decimals`);
  }
  return {
    sku: requiredText(errors, 'sku', args.sku, LIMITS.identifier),
    name: requiredText(errors, 'name', args.name, LIMITS.name),
    type: args.type,
    category: optionalText(errors, 'category', args.category, LIMITS.shortText),
    unit: optionalText(errors, 'unit', args.unit, LIMITS.identifier) ?? DEFAULT_UNIT,
    taxRateBasisPoints: taxRateBasisPoints ?? 0,
  };
}
