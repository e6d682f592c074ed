import type { CreateContactInput, UpdateContactInput } from '../generated/graphql';
import {
  type FieldErrors,
  changedFields,
  pickFields,
  emailList,
  LIMITS,
  optionalText,
  phoneList,
  canonicalUuid,
  isUuid,
} from '@crm/subgraph';
import type { ContactEntity } from './contact.entity';

/** What a client may set on a contact (its account is fixed at creation). */
export type ContactFields = Pick<
  ContactEntity,
  'firstName' | 'lastName' | 'jobTitle' | 'buyingRole' | 'isPrimary' | 'emails' | 'phones'
>;

const CONTACT_FIELD_NAMES: readonly (keyof ContactFields)[] = [
  'firstName',
  'lastName',
  'jobTitle',
  'buyingRole',
  'isPrimary',
  'emails',
  'phones',
];

type ContactChanges = Omit<UpdateContactInput, 'id' | 'expectedVersion'>;

export function validateNewContact(
  errors: FieldErrors,
  input: CreateContactInput,
  phoneRegion: string,
): ContactFields & { accountId: string } {
  const isAccountIdValid = isUuid(input.accountId);
  if (!isAccountIdValid) errors.add('accountId', 'is not an id this API returned');
  const blank: ContactFields = {
    firstName: '',
    lastName: '',
    jobTitle: null,
    buyingRole: null,
    isPrimary: false,
    emails: [],
    phones: [],
  };
  const { accountId, ...changes } = input;
  return {
    ...mergeAndCheck(errors, blank, changes, phoneRegion),
    accountId: isAccountIdValid ? canonicalUuid(accountId) : accountId,
  };
}

export function validateContactChanges(
  errors: FieldErrors,
  current: ContactFields,
  input: UpdateContactInput,
  phoneRegion: string,
): ContactFields {
  const { id: _id, expectedVersion: _expectedVersion, ...changes } = input;
  return mergeAndCheck(errors, current, changes, phoneRegion);
}

function mergeAndCheck(
  errors: FieldErrors,
  base: ContactFields,
  changes: ContactChanges,
  phoneRegion: string,
): ContactFields {
  const has = (field: keyof ContactChanges) => changes[field] !== undefined;
  const merged: ContactFields = { ...base };
  if (has('firstName'))
    merged.firstName = optionalText(errors, 'firstName', changes.firstName, LIMITS.name) ?? '';
  if (has('lastName'))
    merged.lastName = optionalText(errors, 'lastName', changes.lastName, LIMITS.name) ?? '';
  if (has('jobTitle')) merged.jobTitle = optionalText(errors, 'jobTitle', changes.jobTitle, LIMITS.shortText);
  if (has('buyingRole')) merged.buyingRole = changes.buyingRole ?? null;
  if (has('isPrimary')) merged.isPrimary = changes.isPrimary ?? false;
  if (has('emails')) merged.emails = emailList(errors, 'emails', changes.emails);
  if (has('phones')) merged.phones = phoneList(errors, 'phones', changes.phones, phoneRegion);
  if (!merged.firstName && !merged.lastName)
    errors.add('firstName', 'a contact needs a first or a last name');
  return merged;
}

export function changedContactFields(before: ContactFields, after: ContactFields): (keyof ContactFields)[] {
  return changedFields(before, after, CONTACT_FIELD_NAMES);
}

export function contactFieldsOf(contact: ContactEntity): ContactFields {
  return pickFields(contact, CONTACT_FIELD_NAMES);
}
