import { InvalidInputError } from '@crm/subgraph';
import { afterAccountId } from './account-page-cursor';

describe('afterAccountId', () => {
  it('starts at the beginning without a cursor and canonicalises a given account id', () => {
    expect(afterAccountId(null, 'member')).toBeNull();
    expect(afterAccountId(undefined, 'recipient')).toBeNull();
    expect(afterAccountId('0190F5A2-7C3B-7000-8000-00000000000A', 'member')).toBe(
      '0190f5a2-7c3b-7000-8000-00000000000a',
    );
  });

  it('refuses anything but an account id, naming the after argument', () => {
    const refusal = (() => {
      try {
        return afterAccountId('page-2', 'recipient');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).fields).toEqual([
      { field: 'after', message: 'must be the account id of the last recipient of the previous page' },
    ]);
  });
});
