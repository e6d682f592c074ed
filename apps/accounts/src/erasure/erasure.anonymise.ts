import type { AccountEntity } from '../account/account.entity';

/** What an erased account is called from then on: it stays, as the tombstone others check against. */
export const ERASED_ACCOUNT_NAME = 'Erased account';
export const ERASED_CONTACT_NAME = 'Erased';

/**
 * Everything that names, reaches or describes the person (or the company's people), in the form it
 * takes after erasure. Kept: kind, sales model, industry, size, tier, lifecycle stage, owner, parent
 * and timestamps, the non-personal facts reports are built on.
 */
export function anonymisedAccountFields(): Pick<
  AccountEntity,
  | 'displayName'
  | 'legalName'
  | 'registrationNumber'
  | 'taxId'
  | 'externalId'
  | 'website'
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'emails'
  | 'phones'
  | 'addresses'
  | 'tags'
  | 'customFields'
  | 'searchText'
> {
  return {
    displayName: ERASED_ACCOUNT_NAME,
    legalName: null,
    registrationNumber: null,
    taxId: null,
    // The id of the person's record in the system they were imported from: it identifies them too.
    externalId: null,
    website: null,
    firstName: null,
    lastName: null,
    birthDate: null,
    emails: [],
    phones: [],
    addresses: [],
    // Free text: tags and custom fields may say anything about the person.
    tags: [],
    customFields: null,
    searchText: '',
  };
}
