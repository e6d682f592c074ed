import { canonicalUuid, isUuid, LIMITS, type FieldErrors } from '@crm/subgraph';

const NOT_AN_ID = 'is not an id this API returned';

/** An optional reference to another service's entity: well-formed or reported; never looked up there. */
export function optionalId(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  if (!isUuid(value)) {
    errors.add(field, NOT_AN_ID);
    return null;
  }
  return canonicalUuid(value);
}

/** Distinct well-formed ids; each malformed one reported on its index. */
export function idList(
  errors: FieldErrors,
  field: string,
  values: readonly string[] | null | undefined,
): string[] {
  const ids = values ?? [];
  if (ids.length > LIMITS.listItems) {
    errors.add(field, `must have at most ${LIMITS.listItems} entries`);
    return [];
  }
  ids.forEach((id, index) => {
    if (!isUuid(id)) errors.add(`${field}[${index}]`, NOT_AN_ID);
  });
  return [...new Set(ids.filter(isUuid).map(canonicalUuid))];
}
