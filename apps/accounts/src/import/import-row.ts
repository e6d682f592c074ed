import { FieldErrors, hasNulCharacter, NUL_CHARACTER_MESSAGE } from '@crm/subgraph';
import type { AddressInput, CreateAccountInput, CreateContactInput } from '../generated/graphql';
import { ACCOUNT_KINDS, LIFECYCLE_STAGES, SALES_MODELS, type AccountKind } from '../account/account.entity';
import { BUYING_ROLES } from '../contact/contact.entity';
import { LIST_SEPARATOR, type ImportField } from './import-fields';
import type { ResolvedColumns } from './import-mapping';

/** The account fields a row gives: absent where its cell is empty (an update leaves those unchanged). */
export type AccountRowValues = Omit<CreateAccountInput, 'kind' | 'parentId' | 'ownerId' | 'customFields'>;
/** The contact fields a row gives, each absent where its cell is empty. */
export type ContactRowValues = Partial<Omit<CreateContactInput, 'accountId' | 'isPrimary'>>;

/** One data row read from its cells, before the account rules run. */
export interface ImportRow {
  /** 1 = the first row under the header. */
  rowNumber: number;
  externalId: string | null;
  kind: AccountKind | null;
  account: AccountRowValues;
  /** Null when the row has no contact cells. */
  contact: ContactRowValues | null;
  /** Problems found reading the cells (an unknown enum value, a non-number); the row is not imported. */
  errors: FieldErrors;
}

function enumValue<T extends string>(
  errors: FieldErrors,
  field: ImportField,
  text: string,
  allowed: readonly T[],
): T | null {
  const value = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.add(field, `must be one of ${allowed.join(', ')}`);
  return null;
}

function integerValue(errors: FieldErrors, field: ImportField, text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed);
  errors.add(field, 'must be a whole number');
  return null;
}

function listValue(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Reads one record with the resolved columns. A cell that is empty or only spaces is "not given". */
export function readImportRow(
  record: readonly string[],
  rowNumber: number,
  columns: ResolvedColumns,
): ImportRow {
  const errors = new FieldErrors();
  const cell = (field: ImportField): string | undefined => {
    const index = columns.indexOf.get(field);
    const text = index === undefined ? undefined : record[index];
    return text === undefined || text.trim() === '' ? undefined : text;
  };
  if (record.length !== columns.headerCount) {
    errors.add('', `has ${record.length} columns where the header has ${columns.headerCount}`);
  }
  // PostgreSQL cannot store U+0000: refused here, so that one such cell cannot fail a whole batch.
  if (record.some(hasNulCharacter)) errors.add('', NUL_CHARACTER_MESSAGE);

  const account: AccountRowValues = {};
  const text = (field: ImportField & keyof AccountRowValues) => {
    const value = cell(field);
    if (value !== undefined) (account as Record<string, unknown>)[field] = value;
  };
  for (const field of [
    'displayName',
    'legalName',
    'industry',
    'registrationNumber',
    'taxId',
    'website',
    'firstName',
    'lastName',
    'birthDate',
    'tier',
  ] as const) {
    text(field);
  }
  for (const field of ['emails', 'phones', 'tags'] as const) {
    const value = cell(field);
    if (value !== undefined) account[field] = listValue(value);
  }
  const salesModel = cell('salesModel');
  if (salesModel !== undefined)
    account.salesModel = enumValue(errors, 'salesModel', salesModel, SALES_MODELS);
  const lifecycleStage = cell('lifecycleStage');
  if (lifecycleStage !== undefined) {
    account.lifecycleStage = enumValue(errors, 'lifecycleStage', lifecycleStage, LIFECYCLE_STAGES);
  }
  const employeeCount = cell('employeeCount');
  if (employeeCount !== undefined)
    account.employeeCount = integerValue(errors, 'employeeCount', employeeCount);
  const address = readAddress(cell);
  if (address) account.addresses = [address];

  const kind = cell('kind');
  return {
    rowNumber,
    externalId: cell('externalId')?.trim() ?? null,
    kind: kind === undefined ? null : enumValue(errors, 'kind', kind, ACCOUNT_KINDS),
    account,
    contact: readContact(errors, cell),
    errors,
  };
}

function readAddress(cell: (field: ImportField) => string | undefined): AddressInput | null {
  const line1 = cell('addressLine1');
  const city = cell('addressCity');
  const country = cell('addressCountry');
  const line2 = cell('addressLine2');
  const region = cell('addressRegion');
  const postalCode = cell('addressPostalCode');
  if ([line1, city, country, line2, region, postalCode].every((value) => value === undefined)) return null;
  // Missing required parts are left empty for the account rules to report on their own fields.
  return {
    label: cell('addressLabel') ?? 'Main',
    line1: line1 ?? '',
    line2,
    city: city ?? '',
    region,
    postalCode,
    country: country ?? '',
  };
}

function readContact(
  errors: FieldErrors,
  cell: (field: ImportField) => string | undefined,
): ContactRowValues | null {
  const buyingRole = cell('contactBuyingRole');
  const emails = cell('contactEmails');
  const phones = cell('contactPhones');
  const contact: ContactRowValues = {
    firstName: cell('contactFirstName'),
    lastName: cell('contactLastName'),
    jobTitle: cell('contactJobTitle'),
    buyingRole:
      buyingRole === undefined ? undefined : enumValue(errors, 'contactBuyingRole', buyingRole, BUYING_ROLES),
    emails: emails === undefined ? undefined : listValue(emails),
    phones: phones === undefined ? undefined : listValue(phones),
  };
  const given = Object.entries(contact).filter(([, value]) => value !== undefined);
  return given.length === 0 ? null : (Object.fromEntries(given) as ContactRowValues);
}
