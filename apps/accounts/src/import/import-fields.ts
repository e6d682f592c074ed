/**
 * The fields a CSV column can be mapped to. Account fields carry the names of CreateAccountInput;
 * a row may also describe one contact of the account (the `contact…` fields) and one address (the
 * `address…` fields). The tenant-wide CSV export writes exactly these names as its headers, so an
 * export imports back with the default mapping.
 */
export const ACCOUNT_IMPORT_FIELDS = [
  'externalId',
  'kind',
  'salesModel',
  'displayName',
  'legalName',
  'industry',
  'registrationNumber',
  'taxId',
  'website',
  'employeeCount',
  'firstName',
  'lastName',
  'birthDate',
  'emails',
  'phones',
  'tier',
  'tags',
  'lifecycleStage',
] as const;

export const ADDRESS_IMPORT_FIELDS = [
  'addressLabel',
  'addressLine1',
  'addressLine2',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'addressCountry',
] as const;

export const CONTACT_IMPORT_FIELDS = [
  'contactFirstName',
  'contactLastName',
  'contactJobTitle',
  'contactBuyingRole',
  'contactEmails',
  'contactPhones',
] as const;

export const IMPORT_FIELDS = [...ACCOUNT_IMPORT_FIELDS, ...ADDRESS_IMPORT_FIELDS, ...CONTACT_IMPORT_FIELDS];
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Cells holding several values (emails, phones, tags) separate them with `;`, `,` or the Persian comma. */
export const LIST_SEPARATOR = /[;,،]/;

export function isImportField(name: string): name is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(name);
}
