import { PROFILE_FIELDS, type FieldType, type Operator, type ProfileField } from './profile-fields';
import type { SegmentRule } from './segment-rules';
import type { SqlParameters } from './sql-parameters';

export interface SegmentQueryOptions {
  tenantId: string;
  /** "Now" for day counts: fixed per query, so counts and pages agree. */
  asOf: Date;
}

export interface CompiledSegment {
  /** `SELECT p."account_id" FROM … WHERE …`: the members of the segment. */
  membersSql: string;
}

const SQL_TYPE: Record<FieldType, string> = {
  enum: 'text',
  text: 'text',
  textArray: 'text',
  uuidArray: 'uuid',
  integer: 'bigint',
  dateTime: 'timestamptz',
  rfm: 'integer',
};

const COMPARISON_SQL: Record<'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte', string> = {
  eq: '=',
  neq: 'IS DISTINCT FROM',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/**
 * One parameterised query for a validated rule tree. Profiles merged away, erased or archived are
 * never members. RFM fields read the quintiles the RFM refresher stores on the profile.
 */
export function compileSegment(
  rule: SegmentRule,
  options: SegmentQueryOptions,
  parameters: SqlParameters,
): CompiledSegment {
  const tenant = parameters.add(options.tenantId);
  // Added on first use only: PostgreSQL rejects a parameter no expression types.
  let asOfPlaceholder: string | undefined;
  const asOf = () => (asOfPlaceholder ??= parameters.add(options.asOf.toISOString()));
  const where = condition(rule, parameters, asOf);
  return {
    membersSql: `SELECT p."account_id" FROM "customer_profiles" p
      WHERE p."tenant_id" = ${tenant} AND p."merged_into" IS NULL AND NOT p."erased" AND NOT p."archived"
        AND COALESCE(${where}, false)`,
  };
}

/** Two-valued logic throughout: a comparison with a missing (NULL) value is false, so NOT is its complement. */
function condition(rule: SegmentRule, parameters: SqlParameters, asOf: () => string): string {
  if ('and' in rule) return `(${rule.and.map((child) => truth(child, parameters, asOf)).join(' AND ')})`;
  if ('or' in rule) return `(${rule.or.map((child) => truth(child, parameters, asOf)).join(' OR ')})`;
  if ('not' in rule) return `(NOT ${truth(rule.not, parameters, asOf)})`;
  const field: ProfileField = PROFILE_FIELDS[rule.field];
  const column = field.sql.includes(':asOf') ? field.sql.replaceAll(':asOf', asOf()) : field.sql;
  return comparison(field, rule.op, rule.value, parameters, column);
}

function truth(rule: SegmentRule, parameters: SqlParameters, asOf: () => string): string {
  return `COALESCE(${condition(rule, parameters, asOf)}, false)`;
}

function comparison(
  field: ProfileField,
  op: Operator,
  value: unknown,
  parameters: SqlParameters,
  column: string,
): string {
  const type = SQL_TYPE[field.type];
  const isArrayField = field.type === 'textArray' || field.type === 'uuidArray';
  const scalar = () => `${parameters.add(value)}::${type}`;
  const list = () => `${parameters.add((value as unknown[]).map(String))}::${type}[]`;
  switch (op) {
    case 'in':
      return isArrayField ? `(${column} && ${list()})` : `(${column} = ANY(${list()}))`;
    case 'notIn':
      return isArrayField
        ? `(NOT (${column} && ${list()}))`
        : `(${column} IS NULL OR ${column} <> ALL(${list()}))`;
    case 'contains':
      return isArrayField
        ? `(${scalar()} = ANY(${column}))`
        : `(strpos(lower(${column}), lower(${scalar()})) > 0)`;
    default:
      return `(${column} ${COMPARISON_SQL[op]} ${field.type === 'integer' ? `${parameters.add(String(value))}::bigint` : scalar()})`;
  }
}
