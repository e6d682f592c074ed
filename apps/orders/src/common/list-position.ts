import { canonicalUuid, InvalidInputError, isUuid } from '@crm/subgraph';

/**
 * Lists in this contract are plain arrays without cursors, so `after` is the id of the last item
 * the client saw; the next page starts after that item in (createdAt, id) order.
 */
export function listPositionId(after: string): string {
  if (!isUuid(after)) {
    throw new InvalidInputError([
      { field: 'after', message: 'must be the id of the last item of the previous page' },
    ]);
  }
  return canonicalUuid(after);
}
