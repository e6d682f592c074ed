import { InvalidInputError, canonicalUuid, isUuid } from '@crm/subgraph';

/**
 * Segment members and campaign recipients are plain lists ordered by account id (the contract has
 * no connection), so `after` is the account id of the last item of the previous page.
 */
export function afterAccountId(
  after: string | null | undefined,
  item: 'member' | 'recipient',
): string | null {
  if (!after) return null;
  if (!isUuid(after)) {
    throw new InvalidInputError([
      { field: 'after', message: `must be the account id of the last ${item} of the previous page` },
    ]);
  }
  return canonicalUuid(after);
}
