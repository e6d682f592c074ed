import { resolveColumns, type ResolvedColumns } from './import-mapping';
import { columnOfAccountField, columnOfContactField } from './import-row-errors';

const columns = resolveColumns(['Name', 'Mail', 'Country', 'Person Mail'], {
  Name: 'legalName',
  Mail: 'emails',
  Country: 'addressCountry',
  'Person Mail': 'contactEmails',
}) as ResolvedColumns;

describe('the column of a validation error', () => {
  it.each([
    ['legalName', 'Name'],
    ['emails[1]', 'Mail'],
    ['addresses[0].country', 'Country'],
    ['addresses[0].city', null],
    ['taxId', null],
    ['', null],
  ])('of account field %s is %s', (field, column) => {
    expect(columnOfAccountField(field, columns)).toBe(column);
  });

  it.each([
    ['emails[0]', 'Person Mail'],
    ['firstName', null],
  ])('of contact field %s is %s', (field, column) => {
    expect(columnOfContactField(field, columns)).toBe(column);
  });
});
