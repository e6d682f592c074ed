import { changedFields, pickFields } from '@crm/subgraph';
import type { AccountEntity, AccountKind, LifecycleStage, SalesModel } from './account.entity';

/** What a client may set on an account: everything stored except identity, bookkeeping and search text. */
export type AccountFields = Pick<
  AccountEntity,
  | 'kind'
  | 'salesModel'
  | 'displayName'
  | 'legalName'
  | 'industry'
  | 'registrationNumber'
  | 'taxId'
  | 'website'
  | 'employeeCount'
  | 'parentId'
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'emails'
  | 'phones'
  | 'addresses'
  | 'tier'
  | 'tags'
  | 'lifecycleStage'
  | 'ownerId'
  | 'customFields'
>;

export const ACCOUNT_FIELD_NAMES: readonly (keyof AccountFields)[] = [
  'kind',
  'salesModel',
  'displayName',
  'legalName',
  'industry',
  'registrationNumber',
  'taxId',
  'website',
  'employeeCount',
  'parentId',
  'firstName',
  'lastName',
  'birthDate',
  'emails',
  'phones',
  'addresses',
  'tier',
  'tags',
  'lifecycleStage',
  'ownerId',
  'customFields',
];

/** Companies are usually sold to business-to-business, persons business-to-consumer. */
export function defaultSalesModel(kind: AccountKind): SalesModel {
  return kind === 'COMPANY' ? 'B2B' : 'B2C';
}

export const DEFAULT_LIFECYCLE_STAGE: LifecycleStage = 'PROSPECT';

/** An account of this kind with nothing set yet: what a new account's input is applied to. */
export function blankAccountFields(kind: AccountKind): AccountFields {
  return {
    kind,
    salesModel: defaultSalesModel(kind),
    displayName: '',
    legalName: null,
    industry: null,
    registrationNumber: null,
    taxId: null,
    website: null,
    employeeCount: null,
    parentId: null,
    firstName: null,
    lastName: null,
    birthDate: null,
    emails: [],
    phones: [],
    addresses: [],
    tier: null,
    tags: [],
    lifecycleStage: DEFAULT_LIFECYCLE_STAGE,
    ownerId: null,
    customFields: null,
  };
}

/** The name shown when none is given: a company's legal name, a person's first and last name. */
export function deriveDisplayName(
  fields: Pick<AccountFields, 'kind' | 'legalName' | 'firstName' | 'lastName'>,
): string {
  if (fields.kind === 'COMPANY') return fields.legalName ?? '';
  return [fields.firstName, fields.lastName].filter((part) => part).join(' ');
}

/** Fields that belong to one kind only: a person has no registration number, a company no birth date. */
export const KIND_SPECIFIC_FIELDS: Readonly<Record<AccountKind, readonly (keyof AccountFields)[]>> = {
  COMPANY: ['legalName', 'industry', 'registrationNumber', 'taxId', 'employeeCount', 'parentId'],
  PERSON: ['firstName', 'lastName', 'birthDate'],
};

/** The names of the fields whose values differ (JSON key order aside), for AccountUpdated's `changedFields`. */
export function changedAccountFields(before: AccountFields, after: AccountFields): (keyof AccountFields)[] {
  return changedFields(before, after, ACCOUNT_FIELD_NAMES);
}

export function accountFieldsOf(account: AccountEntity): AccountFields {
  return pickFields(account, ACCOUNT_FIELD_NAMES);
}
