import { FieldErrors } from '@crm/subgraph';
import { MAX_DUPLICATES_PER_MERGE, validateMergeRequest } from './merge.validation';

const A = '0190f7c2-0000-7000-8000-00000000000a';
const B = '0190f7c2-0000-7000-8000-00000000000b';

function errorsOf(survivorId: string, duplicateIds: string[]) {
  const errors = new FieldErrors();
  validateMergeRequest(errors, survivorId, duplicateIds);
  return errors.list.map((error) => error.field);
}

describe('validateMergeRequest', () => {
  it('accepts a survivor and distinct duplicates, canonicalising the ids', () => {
    const errors = new FieldErrors();
    expect(validateMergeRequest(errors, A.toUpperCase(), [B.toUpperCase()])).toEqual({
      survivorId: A,
      duplicateIds: [B],
    });
    expect(errors.list).toEqual([]);
  });

  it.each<[string, string, string[], string[]]>([
    ['a malformed survivor id', 'x', [B], ['survivorId']],
    ['no duplicates', A, [], ['duplicateIds']],
    ['the survivor among the duplicates', A, [B, A], ['duplicateIds[1]']],
    ['a duplicate named twice', A, [B, B.toUpperCase()], ['duplicateIds[1]']],
    ['a malformed duplicate id', A, ['x'], ['duplicateIds[0]']],
  ])('refuses %s', (_label, survivorId, duplicateIds, fields) => {
    expect(errorsOf(survivorId, duplicateIds)).toEqual(fields);
  });

  it(`refuses more than ${MAX_DUPLICATES_PER_MERGE} duplicates`, () => {
    const many = Array.from(
      { length: MAX_DUPLICATES_PER_MERGE + 1 },
      (_, index) => `0190f7c2-0000-7000-8000-${String(index).padStart(12, '0')}`,
    );
    expect(errorsOf(A, many)).toEqual(['duplicateIds']);
  });
});
