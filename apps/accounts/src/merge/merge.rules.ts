import { KIND_SPECIFIC_FIELDS, type AccountFields } from '../account/account.defaults';
import type { Address, JsonValue } from '../account/account.entity';

/**
 * Single-valued fields a survivor takes from a duplicate when it has none. Kind, sales model,
 * display name and lifecycle stage are the survivor's own: they always have a value.
 */
const FILLABLE_FIELDS = [
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
  'tier',
  'ownerId',
] as const satisfies readonly (keyof AccountFields)[];

/**
 * The survivor after a merge: its own values stay; an empty field takes the first duplicate's value
 * (in the order given) that the survivor's kind may hold; emails, phones, tags and addresses are the
 * union, survivor's first; custom fields are combined, the survivor's keys winning, then earlier
 * duplicates' over later ones.
 */
export function mergedAccountFields(
  survivor: AccountFields,
  duplicates: readonly AccountFields[],
): AccountFields {
  const merged: AccountFields = { ...survivor };
  const otherKind = survivor.kind === 'COMPANY' ? 'PERSON' : 'COMPANY';
  const notForSurvivor = new Set<keyof AccountFields>(KIND_SPECIFIC_FIELDS[otherKind]);
  for (const field of FILLABLE_FIELDS) {
    if (merged[field] !== null || notForSurvivor.has(field)) continue;
    const donor = duplicates.find((duplicate) => duplicate[field] !== null);
    if (donor) Object.assign(merged, { [field]: donor[field] });
  }
  const all = [survivor, ...duplicates];
  merged.emails = union(all.flatMap((account) => account.emails));
  merged.phones = union(all.flatMap((account) => account.phones));
  merged.tags = union(all.flatMap((account) => account.tags));
  merged.addresses = unionOfAddresses(all.flatMap((account) => account.addresses));
  merged.customFields = combinedCustomFields(all.map((account) => account.customFields));
  return merged;
}

function union(values: string[]): string[] {
  return [...new Set(values)];
}

function unionOfAddresses(addresses: Address[]): Address[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = JSON.stringify([
      address.label,
      address.line1,
      address.line2,
      address.city,
      address.region,
      address.postalCode,
      address.country,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function combinedCustomFields(
  all: readonly (Record<string, JsonValue> | null)[],
): Record<string, JsonValue> | null {
  const present = all.filter((fields): fields is Record<string, JsonValue> => fields !== null);
  if (present.length === 0) return null;
  return Object.assign({}, ...[...present].reverse()) as Record<string, JsonValue>;
}
