import type { CreateAccountInput, UpdateAccountInput } from '../generated/graphql';
import {
  type FieldErrors,
  emailList,
  hasNulCharacter,
  LIMITS,
  NUL_CHARACTER_MESSAGE,
  optionalText,
  phoneList,
  requiredText,
  canonicalUuid,
  isUuid,
} from '@crm/subgraph';
import type { Address, JsonValue } from './account.entity';
import {
  DEFAULT_LIFECYCLE_STAGE,
  KIND_SPECIFIC_FIELDS,
  blankAccountFields,
  defaultSalesModel,
  deriveDisplayName,
  type AccountFields,
} from './account.defaults';

/**
 * The pure rules of an account's fields: formats, lengths, what each kind needs and may have, and
 * the defaults. Every violation goes into `errors` on its own field; the service writes nothing
 * while there are any. References (owner, parent) are checked against the database by the service.
 */

export interface ValidationContext {
  /** The tenant's region for phone numbers typed without a country code. */
  phoneRegion: string;
  /** YYYY-MM-DD (UTC): a birth date may not be later. */
  today: string;
}

/** The fields an input may carry, each absent (unchanged), null (cleared) or a value. */
type AccountChanges = Omit<UpdateAccountInput, 'id' | 'expectedVersion'>;

const MAX_EMPLOYEE_COUNT = 10_000_000;
const EARLIEST_BIRTH_DATE = '1900-01-01';

export function validateNewAccount(
  errors: FieldErrors,
  input: CreateAccountInput,
  context: ValidationContext,
): AccountFields {
  const blank = blankAccountFields(input.kind);
  const { kind: _kind, ...changes } = input;
  return mergeAndCheck(errors, blank, changes, context, { isDisplayNameDerived: true });
}

/** `current` with the changes applied; a display name that was derived follows the names it came from. */
export function validateAccountChanges(
  errors: FieldErrors,
  current: AccountFields,
  input: UpdateAccountInput,
  context: ValidationContext,
): AccountFields {
  const { id: _id, expectedVersion: _expectedVersion, ...changes } = input;
  const isDisplayNameDerived = current.displayName === deriveDisplayName(current);
  return mergeAndCheck(errors, current, changes, context, { isDisplayNameDerived });
}

function mergeAndCheck(
  errors: FieldErrors,
  base: AccountFields,
  changes: AccountChanges,
  context: ValidationContext,
  { isDisplayNameDerived }: { isDisplayNameDerived: boolean },
): AccountFields {
  const merged: AccountFields = { ...base, ...readChanges(errors, changes, context) };
  // A field with a default takes it again when cleared.
  if (changes.salesModel === null) merged.salesModel = defaultSalesModel(merged.kind);
  if (changes.lifecycleStage === null) merged.lifecycleStage = DEFAULT_LIFECYCLE_STAGE;
  const hasGivenDisplayName =
    changes.displayName !== undefined ? merged.displayName !== '' : !isDisplayNameDerived;
  if (!hasGivenDisplayName) merged.displayName = deriveDisplayName(merged);
  checkKindRules(errors, merged);
  return merged;
}

/** Only the fields present in `changes`, normalised. */
function readChanges(
  errors: FieldErrors,
  changes: AccountChanges,
  context: ValidationContext,
): Partial<AccountFields> {
  const read: Partial<AccountFields> = {};
  const has = (field: keyof AccountChanges) => changes[field] !== undefined;

  if (has('salesModel') && changes.salesModel) read.salesModel = changes.salesModel;
  if (has('lifecycleStage') && changes.lifecycleStage) read.lifecycleStage = changes.lifecycleStage;
  if (has('displayName'))
    read.displayName = optionalText(errors, 'displayName', changes.displayName, LIMITS.name) ?? '';
  if (has('legalName')) read.legalName = optionalText(errors, 'legalName', changes.legalName, LIMITS.name);
  if (has('firstName')) read.firstName = optionalText(errors, 'firstName', changes.firstName, LIMITS.name);
  if (has('lastName')) read.lastName = optionalText(errors, 'lastName', changes.lastName, LIMITS.name);
  if (has('industry')) read.industry = optionalText(errors, 'industry', changes.industry, LIMITS.shortText);
  if (has('tier')) read.tier = optionalText(errors, 'tier', changes.tier, LIMITS.shortText);
  if (has('registrationNumber')) {
    read.registrationNumber = optionalText(
      errors,
      'registrationNumber',
      changes.registrationNumber,
      LIMITS.identifier,
    );
  }
  if (has('taxId')) read.taxId = optionalText(errors, 'taxId', changes.taxId, LIMITS.identifier);
  if (has('website')) read.website = website(errors, changes.website);
  if (has('employeeCount')) read.employeeCount = employeeCount(errors, changes.employeeCount);
  if (has('birthDate')) read.birthDate = birthDate(errors, changes.birthDate, context.today);
  if (has('parentId')) read.parentId = referenceId(errors, 'parentId', changes.parentId);
  if (has('ownerId')) read.ownerId = referenceId(errors, 'ownerId', changes.ownerId);
  if (has('emails')) read.emails = emailList(errors, 'emails', changes.emails);
  if (has('phones')) read.phones = phoneList(errors, 'phones', changes.phones, context.phoneRegion);
  if (has('addresses')) read.addresses = addresses(errors, changes.addresses);
  if (has('tags')) read.tags = tags(errors, changes.tags);
  if (has('customFields')) read.customFields = customFields(errors, changes.customFields);
  return read;
}

function checkKindRules(errors: FieldErrors, fields: AccountFields): void {
  if (fields.kind === 'COMPANY' && !fields.legalName && !fields.displayName) {
    errors.add('legalName', 'a company needs a name: give a legal name or a display name');
  }
  if (fields.kind === 'PERSON' && !fields.firstName && !fields.lastName) {
    errors.add('firstName', 'a person needs a first or a last name');
  }
  const otherKind = fields.kind === 'COMPANY' ? 'PERSON' : 'COMPANY';
  for (const field of KIND_SPECIFIC_FIELDS[otherKind]) {
    if (fields[field] !== null) errors.add(field, `applies only to ${otherKind} accounts`);
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** An http(s) address; a bare domain such as example.com is taken as https. */
function website(errors: FieldErrors, value: string | null | undefined): string | null {
  const text = optionalText(errors, 'website', value, LIMITS.url);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    errors.add('website', `"${text}" is not a web address`);
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) {
    errors.add('website', 'must be a web address such as https://example.com');
    return null;
  }
  const isBareOrigin = url.pathname === '/' && url.search === '' && url.hash === '';
  return isBareOrigin ? url.origin : url.href;
}

function employeeCount(errors: FieldErrors, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (value < 0 || value > MAX_EMPLOYEE_COUNT) {
    errors.add('employeeCount', `must be between 0 and ${MAX_EMPLOYEE_COUNT}`);
    return null;
  }
  return value;
}

/** A real calendar date, YYYY-MM-DD, between 1900 and today. */
function birthDate(errors: FieldErrors, value: string | null | undefined, today: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  const [year, month, day] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)?.slice(1).map(Number) ?? [];
  const date = year === undefined ? null : new Date(Date.UTC(year, (month ?? 0) - 1, day));
  if (!date || date.toISOString().slice(0, 10) !== text) {
    errors.add('birthDate', 'must be a date written YYYY-MM-DD, e.g. 1985-03-21');
    return null;
  }
  if (text < EARLIEST_BIRTH_DATE || text > today) {
    errors.add('birthDate', `must be between ${EARLIEST_BIRTH_DATE} and today`);
    return null;
  }
  return text;
}

function referenceId(
  errors: FieldErrors,
  field: 'parentId' | 'ownerId',
  value: string | null | undefined,
): string | null {
  if (value == null) return null;
  if (!isUuid(value)) {
    errors.add(field, 'is not an id this API returned');
    return null;
  }
  return canonicalUuid(value);
}

function addresses(errors: FieldErrors, values: CreateAccountInput['addresses']): Address[] {
  const list = values ?? [];
  if (list.length > LIMITS.listItems) {
    errors.add('addresses', `must have at most ${LIMITS.listItems} entries`);
    return [];
  }
  return list.map((address, index) => {
    const at = (field: string) => `addresses[${index}].${field}`;
    const country = (address.country ?? '').trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) errors.add(at('country'), 'must be an ISO 3166-1 alpha-2 code, e.g. IR');
    return {
      label: requiredText(errors, at('label'), address.label, LIMITS.shortText),
      line1: requiredText(errors, at('line1'), address.line1, LIMITS.name),
      line2: optionalText(errors, at('line2'), address.line2, LIMITS.name),
      city: requiredText(errors, at('city'), address.city, LIMITS.shortText),
      region: optionalText(errors, at('region'), address.region, LIMITS.shortText),
      postalCode: optionalText(errors, at('postalCode'), address.postalCode, LIMITS.identifier),
      country,
    };
  });
}

/** Trimmed, without blanks or repeats, in the order given. */
function tags(errors: FieldErrors, values: readonly string[] | null | undefined): string[] {
  const list = values ?? [];
  if (list.length > LIMITS.tags) {
    errors.add('tags', `must have at most ${LIMITS.tags} entries`);
    return [];
  }
  const trimmed = list.map((tag, index) => optionalText(errors, `tags[${index}]`, tag, LIMITS.tag));
  return [...new Set(trimmed.filter((tag): tag is string => tag !== null))];
}

/** The JSON scalar only ever carries parsed JSON, so an object's values are JSON values. */
function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function customFields(errors: FieldErrors, value: unknown): Record<string, JsonValue> | null {
  if (value == null) return null;
  if (!isJsonObject(value)) {
    errors.add('customFields', 'must be a JSON object, e.g. {"source": "fair-2026"}');
    return null;
  }
  if (Buffer.byteLength(JSON.stringify(value)) > LIMITS.customFieldsBytes) {
    errors.add('customFields', `must be at most ${LIMITS.customFieldsBytes} bytes as JSON`);
    return null;
  }
  if (hasNulInJson(value)) {
    errors.add('customFields', `${NUL_CHARACTER_MESSAGE}, in keys or values`);
    return null;
  }
  return value;
}

function hasNulInJson(value: unknown): boolean {
  if (typeof value === 'string') return hasNulCharacter(value);
  if (Array.isArray(value)) return value.some(hasNulInJson);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, item]) => hasNulCharacter(key) || hasNulInJson(item));
  }
  return false;
}
