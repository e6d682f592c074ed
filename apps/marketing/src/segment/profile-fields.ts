import { z } from 'zod';

/**
 * The profile fields a segment rule may compare, each with the SQL it reads and the operators its
 * type allows. The SQL here is fixed text chosen by the field name from this table; user values only
 * ever travel as bind parameters.
 */
export type FieldType = 'enum' | 'text' | 'textArray' | 'uuidArray' | 'integer' | 'dateTime' | 'rfm';

export const OPERATORS_BY_TYPE = {
  enum: ['eq', 'neq', 'in', 'notIn'],
  text: ['eq', 'neq', 'in', 'notIn', 'contains'],
  textArray: ['contains', 'in', 'notIn'],
  uuidArray: ['contains', 'in', 'notIn'],
  integer: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
  dateTime: ['gt', 'gte', 'lt', 'lte'],
  rfm: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
} as const satisfies Record<FieldType, readonly string[]>;

export type Operator = (typeof OPERATORS_BY_TYPE)[FieldType][number];

export interface ProfileField {
  type: FieldType;
  /** SQL over the profile row `p` and the `:asOf` placeholder (the query's "now"). */
  sql: string;
  /** Allowed values, for enums. */
  values?: readonly string[];
  /** Range of an integer field's values (RFM scores). */
  range?: { min: number; max: number };
}

const DAYS_SINCE = (column: string) =>
  `floor(extract(epoch FROM (:asOf::timestamptz - ${column})) / 86400)::bigint`;

export const PROFILE_FIELDS = {
  salesModel: { type: 'enum', sql: `p."sales_model"`, values: ['B2B', 'B2C'] },
  kind: { type: 'enum', sql: `p."kind"`, values: ['COMPANY', 'PERSON'] },
  lifecycleStage: {
    type: 'enum',
    sql: `p."lifecycle_stage"`,
    values: ['PROSPECT', 'CUSTOMER', 'CHURNED'],
  },
  industry: { type: 'text', sql: `p."industry"` },
  tier: { type: 'text', sql: `p."tier"` },
  city: { type: 'text', sql: `p."city"` },
  tags: { type: 'textArray', sql: `p."tags"` },
  purchasedCategory: { type: 'textArray', sql: `p."purchased_categories"` },
  purchasedProductId: { type: 'uuidArray', sql: `p."purchased_product_ids"` },
  totalSpentMinor: { type: 'integer', sql: `p."total_spent_minor"` },
  refundedMinor: { type: 'integer', sql: `p."refunded_minor"` },
  orderCount: { type: 'integer', sql: `p."order_count"` },
  daysSinceLastOrder: { type: 'integer', sql: DAYS_SINCE(`p."last_order_at"`) },
  daysSinceLastInteraction: { type: 'integer', sql: DAYS_SINCE(`p."last_interaction_at"`) },
  firstOrderAt: { type: 'dateTime', sql: `p."first_order_at"` },
  lastOrderAt: { type: 'dateTime', sql: `p."last_order_at"` },
  lastInteractionAt: { type: 'dateTime', sql: `p."last_interaction_at"` },
  /** R×100 + F×10 + M, e.g. 555 for the best customers; null without orders in the RFM window. */
  rfmScore: {
    type: 'rfm',
    sql: `(p."rfm_recency" * 100 + p."rfm_frequency" * 10 + p."rfm_monetary")`,
    range: { min: 111, max: 555 },
  },
  rfmRecency: { type: 'rfm', sql: `p."rfm_recency"`, range: { min: 1, max: 5 } },
  rfmFrequency: { type: 'rfm', sql: `p."rfm_frequency"`, range: { min: 1, max: 5 } },
  rfmMonetary: { type: 'rfm', sql: `p."rfm_monetary"`, range: { min: 1, max: 5 } },
} as const satisfies Record<string, ProfileField>;

export type ProfileFieldName = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileFieldName[];

const MAX_LIST_VALUES = 1000;
const MAX_TEXT_LENGTH = 200;

const text = z.string().min(1).max(MAX_TEXT_LENGTH);
/** Minor units may exceed 2^53 in IRR: accepted as a safe integer or a decimal string. */
const integer = z.union([
  z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^-?\d{1,18}$/),
]);

/** The schema a comparison's `value` must satisfy for a field and operator. */
export function valueSchema(field: ProfileField, operator: Operator): z.ZodType {
  const scalar = scalarSchema(field);
  const isList = operator === 'in' || operator === 'notIn';
  return isList ? z.array(scalar).min(1).max(MAX_LIST_VALUES) : scalar;
}

function scalarSchema(field: ProfileField): z.ZodType {
  switch (field.type) {
    case 'enum':
      return z.enum(field.values as [string, ...string[]]);
    case 'text':
    case 'textArray':
      return text;
    case 'uuidArray':
      return z.uuid();
    case 'integer':
      return integer;
    case 'dateTime':
      return z.iso.datetime({ offset: true });
    case 'rfm':
      return z
        .number()
        .int()
        .min(field.range?.min ?? 1)
        .max(field.range?.max ?? 5);
  }
}
