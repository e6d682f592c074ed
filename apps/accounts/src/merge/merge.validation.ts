import { canonicalUuid, isUuid, type FieldErrors } from '@crm/subgraph';

/** Enough for any real cluster of duplicates; bounds the locks and the event's size. */
export const MAX_DUPLICATES_PER_MERGE = 20;

export interface MergeRequest {
  survivorId: string;
  duplicateIds: string[];
}

/** The arguments' own rules, before any account is read; every violation on its own field. */
export function validateMergeRequest(
  errors: FieldErrors,
  survivorId: string,
  duplicateIds: readonly string[],
): MergeRequest {
  const isSurvivorIdValid = isUuid(survivorId);
  if (!isSurvivorIdValid) errors.add('survivorId', 'is not an id this API returned');
  const survivor = isSurvivorIdValid ? canonicalUuid(survivorId) : survivorId;
  if (duplicateIds.length === 0) errors.add('duplicateIds', 'must name at least one account');
  if (duplicateIds.length > MAX_DUPLICATES_PER_MERGE) {
    errors.add('duplicateIds', `must name at most ${MAX_DUPLICATES_PER_MERGE} accounts`);
  }
  const seen = new Set<string>();
  const duplicates = duplicateIds.map((id, index) => {
    const field = `duplicateIds[${index}]`;
    if (!isUuid(id)) {
      errors.add(field, 'is not an id this API returned');
      return id;
    }
    const canonical = canonicalUuid(id);
    if (canonical === survivor) errors.add(field, 'is the survivor: an account cannot be merged into itself');
    else if (seen.has(canonical)) errors.add(field, 'is named twice');
    seen.add(canonical);
    return canonical;
  });
  return { survivorId: survivor, duplicateIds: duplicates };
}
