import {
  accountFieldsOf,
  changedAccountFields,
  defaultSalesModel,
  deriveDisplayName,
  type AccountFields,
} from './account.defaults';
import { AccountEntity } from './account.entity';

describe('defaultSalesModel', () => {
  it.each([
    ['COMPANY', 'B2B'],
    ['PERSON', 'B2C'],
  ] as const)('%s → %s', (kind, expected) => {
    expect(defaultSalesModel(kind)).toBe(expected);
  });
});

describe('deriveDisplayName', () => {
  it.each([
    [{ kind: 'COMPANY', legalName: 'شرکت کیان', firstName: null, lastName: null }, 'شرکت کیان'],
    [{ kind: 'COMPANY', legalName: null, firstName: null, lastName: null }, ''],
    [{ kind: 'PERSON', legalName: null, firstName: 'Ali', lastName: 'Rostami' }, 'Ali Rostami'],
    [{ kind: 'PERSON', legalName: null, firstName: null, lastName: 'Rostami' }, 'Rostami'],
    [{ kind: 'PERSON', legalName: null, firstName: 'Ali', lastName: null }, 'Ali'],
  ] as const)('%j → %j', (fields, expected) => {
    expect(deriveDisplayName(fields)).toBe(expected);
  });
});

describe('changedAccountFields', () => {
  const before = {
    kind: 'COMPANY',
    tags: ['a'],
    customFields: { source: 'fair', size: 3 },
    tier: null,
  } as unknown as AccountFields;

  it('names the fields that differ, comparing lists and JSON deeply and ignoring key order', () => {
    const after = { ...before, tags: ['a', 'b'], customFields: { size: 3, source: 'fair' }, tier: 'GOLD' };
    expect(changedAccountFields(before, after)).toEqual(['tier', 'tags']);
  });

  it('finds nothing when nothing changed', () => {
    expect(changedAccountFields(before, { ...before, tags: ['a'] })).toEqual([]);
  });
});

describe('accountFieldsOf', () => {
  it('takes the client-settable fields and nothing of the bookkeeping', () => {
    const account = Object.assign(new AccountEntity(), {
      tenantId: 't',
      id: 'i',
      version: 3,
      searchText: 's',
      tier: 'GOLD',
    });
    const fields = accountFieldsOf(account);
    expect(fields).toHaveProperty('tier', 'GOLD');
    expect(fields).not.toHaveProperty('version');
    expect(fields).not.toHaveProperty('searchText');
  });
});
