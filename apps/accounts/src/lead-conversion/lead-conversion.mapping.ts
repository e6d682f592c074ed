import type { EventData, LeadConverted } from '@crm/events';
import { isValidEmail, normalizeEmail, toE164 } from '@crm/text';
import { blankAccountFields, deriveDisplayName, type AccountFields } from '../account/account.defaults';
import type { AccountKind, JsonValue } from '../account/account.entity';
import type { ContactFields } from '../contact/contact.validation';

export type LeadConversion = EventData<typeof LeadConverted>;
type Lead = LeadConversion['lead'];

/**
 * The custom-field key under which a converted account keeps the lead's facts that have no column
 * of their own. Documented in the README ("Lead conversion: where every lead field goes").
 */
export const LEAD_CONVERSION_KEY = 'leadConversion';

/** COMPANY for a B2B lead with a company name, PERSON otherwise (issue 4). */
export function convertedAccountKind(lead: Lead): AccountKind {
  return lead.salesModel === 'B2B' && lead.companyName?.trim() ? 'COMPANY' : 'PERSON';
}

interface ReachableBy {
  emails: string[];
  phones: string[];
  /** What the lead held that is not a valid email or phone: kept verbatim rather than lost. */
  unstored: Record<string, string>;
}

/** The lead's email and phone as stored values (lower-case, E.164), or kept aside when invalid. */
export function leadReachability(lead: Lead, phoneRegion: string): ReachableBy {
  const reachable: ReachableBy = { emails: [], phones: [], unstored: {} };
  if (lead.email?.trim()) {
    const email = normalizeEmail(lead.email);
    if (isValidEmail(email)) reachable.emails.push(email);
    else reachable.unstored.email = lead.email;
  }
  if (lead.phone?.trim()) {
    const phone = toE164(lead.phone, phoneRegion);
    if (phone) reachable.phones.push(phone);
    else reachable.unstored.phone = lead.phone;
  }
  return reachable;
}

function trimmedOrNull(text: string | null): string | null {
  return text?.trim() || null;
}

/**
 * The new account's fields. Columns take what they can hold (names, salesModel, owner, and the
 * email and phone unless a contact carries them); everything else the lead knew goes into custom
 * fields: its own custom fields as they were, and the conversion facts under LEAD_CONVERSION_KEY.
 * `hasKnownOwner` is false when the lead's owner is not a user here: the id is kept in the facts.
 */
export function convertedAccountFields(
  conversion: LeadConversion,
  options: { phoneRegion: string; hasKnownOwner: boolean },
): AccountFields {
  const { lead } = conversion;
  const kind = convertedAccountKind(lead);
  const reachable = leadReachability(lead, options.phoneRegion);
  // A company's email and phone are its contact person's; they live on the contact when there is one.
  const isReachedThroughContact = kind === 'COMPANY' && conversion.contactId !== null;
  const names =
    kind === 'COMPANY'
      ? { legalName: trimmedOrNull(lead.companyName), firstName: null, lastName: null }
      : { legalName: null, firstName: trimmedOrNull(lead.firstName), lastName: trimmedOrNull(lead.lastName) };
  const derived = deriveDisplayName({ kind, ...names });
  return {
    ...blankAccountFields(kind),
    salesModel: lead.salesModel,
    displayName: derived || fallbackName(lead),
    ...names,
    emails: isReachedThroughContact ? [] : reachable.emails,
    phones: isReachedThroughContact ? [] : reachable.phones,
    ownerId: options.hasKnownOwner ? lead.ownerId : null,
    customFields: {
      ...withoutReservedKey(lead.customFields),
      [LEAD_CONVERSION_KEY]: conversionFacts(conversion, kind, reachable, options.hasKnownOwner),
    },
  };
}

/** The new contact's fields: the person the lead named, reachable as the lead said. */
export function convertedContactFields(
  conversion: LeadConversion,
  options: { phoneRegion: string; isPrimary: boolean },
): ContactFields {
  const { lead } = conversion;
  const reachable = leadReachability(lead, options.phoneRegion);
  const firstName = trimmedOrNull(lead.firstName);
  const lastName = trimmedOrNull(lead.lastName);
  return {
    // A contact needs a name; a lead without one is named the way its account would be.
    firstName: firstName ?? (lastName ? '' : fallbackName(lead)),
    lastName: lastName ?? '',
    jobTitle: null,
    buyingRole: null,
    isPrimary: options.isPrimary,
    emails: reachable.emails,
    phones: reachable.phones,
  };
}

/** For a lead with no name at all: whatever identifies it, down to its id. */
function fallbackName(lead: Lead): string {
  return (
    trimmedOrNull(lead.companyName) ??
    trimmedOrNull(lead.email) ??
    trimmedOrNull(lead.phone) ??
    `Lead ${lead.leadId}`
  );
}

function withoutReservedKey(customFields: Record<string, unknown>): Record<string, JsonValue> {
  const { [LEAD_CONVERSION_KEY]: _reserved, ...rest } = customFields;
  return rest as Record<string, JsonValue>;
}

function conversionFacts(
  conversion: LeadConversion,
  kind: AccountKind,
  reachable: ReachableBy,
  hasKnownOwner: boolean,
): Record<string, JsonValue> {
  const { lead } = conversion;
  const facts: Record<string, JsonValue> = {
    leadId: lead.leadId,
    opportunityId: conversion.opportunityId,
    convertedAt: conversion.convertedAt,
    leadCreatedAt: lead.createdAt,
    leadStatus: lead.status,
    source: lead.source,
    campaignId: lead.campaignId,
    score: lead.score,
    ...reachable.unstored,
  };
  // A person converted from a lead that also named a company: the company is not an account (yet).
  if (kind === 'PERSON' && trimmedOrNull(lead.companyName)) facts.companyName = lead.companyName;
  if (!hasKnownOwner && lead.ownerId) facts.ownerId = lead.ownerId;
  // The lead's own custom field of the reserved name, kept rather than overwritten.
  if (LEAD_CONVERSION_KEY in lead.customFields) {
    facts.leadCustomField = lead.customFields[LEAD_CONVERSION_KEY] as JsonValue;
  }
  return facts;
}
