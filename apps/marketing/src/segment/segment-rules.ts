import { z } from 'zod';
import { InvalidInputError, type FieldError } from '@crm/subgraph';
import {
  OPERATORS_BY_TYPE,
  PROFILE_FIELDS,
  PROFILE_FIELD_NAMES,
  valueSchema,
  type Operator,
  type ProfileFieldName,
} from './profile-fields';

/** A validated rule tree: what the compiler accepts. */
export type SegmentRule =
  | { and: SegmentRule[] }
  | { or: SegmentRule[] }
  | { not: SegmentRule }
  | { field: ProfileFieldName; op: Operator; value: unknown };

const MAX_DEPTH = 10;
const MAX_NODES = 200;
const MAX_CHILDREN = 50;

const groupSchema = (key: 'and' | 'or') =>
  z.strictObject({ [key]: z.array(z.unknown()).min(1).max(MAX_CHILDREN) });
const notSchema = z.strictObject({ not: z.unknown() });
const comparisonSchema = z.strictObject({
  field: z.enum(PROFILE_FIELD_NAMES as [ProfileFieldName, ...ProfileFieldName[]]),
  op: z.string(),
  value: z.unknown(),
});

/**
 * Validates untrusted JSON into a rule tree. Every problem is reported on the path of its node,
 * e.g. `rules.and[1].field`, so a rule builder can point at the offending condition.
 */
export function parseSegmentRules(input: unknown, argument = 'rules'): SegmentRule {
  const errors: FieldError[] = [];
  let nodes = 0;

  const report = (path: string, issues: z.core.$ZodIssue[]) => {
    for (const issue of issues) {
      const keyPath = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`));
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `.${key}`) : [''];
      for (const unknownKey of unknownKeys) {
        errors.push({ field: `${path}${keyPath.join('')}${unknownKey}`, message: issue.message });
      }
    }
  };

  const visit = (node: unknown, path: string, depth: number): SegmentRule | null => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      errors.push({ field: path, message: `a segment may have at most ${MAX_NODES} conditions` });
      return null;
    }
    if (depth > MAX_DEPTH) {
      errors.push({ field: path, message: `rules may nest at most ${MAX_DEPTH} levels` });
      return null;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      errors.push({ field: path, message: 'must be an object: {and}, {or}, {not} or {field, op, value}' });
      return null;
    }
    for (const key of ['and', 'or'] as const) {
      if (!(key in node)) continue;
      const parsed = groupSchema(key).safeParse(node);
      if (!parsed.success) return (report(path, parsed.error.issues), null);
      const children = (parsed.data[key] as unknown[]).map((child, index) =>
        visit(child, `${path}.${key}[${index}]`, depth + 1),
      );
      return children.every((child) => child !== null) ? ({ [key]: children } as SegmentRule) : null;
    }
    if ('not' in node) {
      const parsed = notSchema.safeParse(node);
      if (!parsed.success) return (report(path, parsed.error.issues), null);
      const child = visit(parsed.data.not, `${path}.not`, depth + 1);
      return child === null ? null : { not: child };
    }
    return comparison(node, path);
  };

  const comparison = (node: object, path: string): SegmentRule | null => {
    const parsed = comparisonSchema.safeParse(node);
    if (!parsed.success) return (report(path, parsed.error.issues), null);
    const field = PROFILE_FIELDS[parsed.data.field];
    const operators: readonly string[] = OPERATORS_BY_TYPE[field.type];
    if (!operators.includes(parsed.data.op)) {
      errors.push({
        field: `${path}.op`,
        message: `${parsed.data.field} supports ${operators.join(', ')}`,
      });
      return null;
    }
    const op = parsed.data.op as Operator;
    const value = valueSchema(field, op).safeParse(parsed.data.value);
    if (!value.success) return (report(`${path}.value`, value.error.issues), null);
    return { field: parsed.data.field, op, value: value.data };
  };

  const rule = visit(input, argument, 1);
  if (errors.length > 0 || rule === null) throw new InvalidInputError(errors);
  return rule;
}
