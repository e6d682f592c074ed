import {
  type FieldErrors,
  hasNulCharacter,
  LIMITS,
  NUL_CHARACTER_MESSAGE,
  optionalText,
} from '@crm/subgraph';
import { isValidEmail, normalizeEmail, toE164 } from '@crm/text';
import type { LeadSource, SalesModel } from '../common/enums';
import { optionalId } from '../common/field-rules';
import type { CreateLeadInput } from '../generated/graphql';
import type { JsonValue } from './lead.entity';

export interface NewLeadFields {
  source: LeadSource;
  salesModel: SalesModel;
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  campaignId: string | null;
  score: number | null;
  ownerId: string | null;
  customFields: Record<string, JsonValue>;
}

/**
 * A lead must name someone conversion can turn into an account: a company, or a person (accounts
 * refuses a PERSON without a first or last name). A CAMPAIGN lead names its campaign.
 */
export function validateNewLead(
  errors: FieldErrors,
  input: CreateLeadInput,
  phoneRegion: string,
): NewLeadFields {
  const fields: NewLeadFields = {
    source: input.source,
    salesModel: input.salesModel,
    companyName: optionalText(errors, 'companyName', input.companyName, LIMITS.name),
    firstName: optionalText(errors, 'firstName', input.firstName, LIMITS.name),
    lastName: optionalText(errors, 'lastName', input.lastName, LIMITS.name),
    email: email(errors, input.email),
    phone: phone(errors, input.phone, phoneRegion),
    campaignId: optionalId(errors, 'campaignId', input.campaignId),
    score: score(errors, input.score),
    ownerId: optionalId(errors, 'ownerId', input.ownerId),
    customFields: customFields(errors, input.customFields),
  };
  if (!fields.companyName && !fields.firstName && !fields.lastName)
    errors.add('companyName', "a lead needs a company name or a person's first or last name");
  if (fields.source === 'CAMPAIGN' && !input.campaignId)
    errors.add('campaignId', 'is required when the source is CAMPAIGN');
  return fields;
}

function email(errors: FieldErrors, value: string | null | undefined): string | null {
  const text = optionalText(errors, 'email', value, LIMITS.name);
  if (text === null) return null;
  const normalized = normalizeEmail(text);
  if (!isValidEmail(normalized)) errors.add('email', `"${text}" is not a valid email address`);
  return normalized;
}

function phone(errors: FieldErrors, value: string | null | undefined, region: string): string | null {
  const text = optionalText(errors, 'phone', value, LIMITS.shortText);
  if (text === null) return null;
  const e164 = toE164(text, region);
  if (e164 === null)
    errors.add(
      'phone',
      `"${text}" is not a valid phone number (without +country code it is read as ${region})`,
    );
  return e164;
}

function score(errors: FieldErrors, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 100)
    errors.add('score', 'must be a whole number from 0 to 100');
  return value;
}

function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasNulInJson(value: unknown): boolean {
  if (typeof value === 'string') return hasNulCharacter(value);
  if (Array.isArray(value)) return value.some(hasNulInJson);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([key, item]) => hasNulCharacter(key) || hasNulInJson(item));
  return false;
}

function customFields(errors: FieldErrors, value: unknown): Record<string, JsonValue> {
  if (value == null) return {};
  if (!isJsonObject(value)) {
    errors.add('customFields', 'must be a JSON object, e.g. {"budget": "Q3"}');
    return {};
  }
  if (Buffer.byteLength(JSON.stringify(value)) > LIMITS.customFieldsBytes)
    errors.add('customFields', `must be at most ${LIMITS.customFieldsBytes} bytes as JSON`);
  if (hasNulInJson(value)) errors.add('customFields', `${NUL_CHARACTER_MESSAGE}, in keys or values`);
  return value;
}

/** The opportunity name a conversion uses when none is given. */
export function defaultOpportunityName(
  lead: Pick<NewLeadFields, 'companyName' | 'firstName' | 'lastName'>,
): string {
  const person = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return lead.companyName ?? person;
}
