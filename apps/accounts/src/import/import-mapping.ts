import { InvalidInputError } from '@crm/subgraph';
import { IMPORT_FIELDS, isImportField, type ImportField } from './import-fields';

/** CSV header → field, as the client gives it; without one, headers are matched to field names. */
export type ImportMapping = Readonly<Record<string, ImportField>>;

/** Where each mapped field is in a record, and which header it came from (for error reports). */
export interface ResolvedColumns {
  indexOf: ReadonlyMap<ImportField, number>;
  headerOf: ReadonlyMap<ImportField, string>;
  headerCount: number;
}

/** Headers written differently still match: case, spaces, `_` and `-` are ignored. */
function comparable(header: string): string {
  return header
    .normalize('NFC')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

const ALIASES: Readonly<Record<string, ImportField>> = {
  email: 'emails',
  phone: 'phones',
  tag: 'tags',
  contactemail: 'contactEmails',
  contactphone: 'contactPhones',
};

const FIELD_BY_COMPARABLE_NAME = new Map<string, ImportField>([
  ...IMPORT_FIELDS.map((field): [string, ImportField] => [comparable(field), field]),
  ...Object.entries(ALIASES),
]);

/** Checks a client's mapping (e.g. the `mapping` query parameter); BAD_USER_INPUT names what is wrong. */
export function parseImportMapping(value: unknown, argument = 'mapping'): ImportMapping | null {
  if (value === undefined || value === null || value === '') return null;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InvalidInputError([{ field: argument, message: 'must be a JSON object of header → field' }]);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError([{ field: argument, message: 'must be a JSON object of header → field' }]);
  }
  const problems = Object.entries(parsed).flatMap(([header, field]) =>
    typeof field === 'string' && isImportField(field)
      ? []
      : [{ field: `${argument}.${header}`, message: `must be one of ${IMPORT_FIELDS.join(', ')}` }],
  );
  const fields = Object.values(parsed);
  const repeated = fields.find((field, index) => fields.indexOf(field) !== index);
  if (repeated !== undefined) {
    problems.push({ field: argument, message: `maps several columns to ${String(repeated)}` });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return parsed as ImportMapping;
}

/**
 * Finds the mapped fields in the header record. Returns the problem as text when the header does not
 * fit (a mapped column missing, no column naming the account): the job fails with it.
 */
export function resolveColumns(
  header: readonly string[],
  mapping: ImportMapping | null,
): ResolvedColumns | string {
  const indexOf = new Map<ImportField, number>();
  const headerOf = new Map<ImportField, string>();
  const trimmed = header.map((name) => name.trim());
  if (mapping) {
    for (const [name, field] of Object.entries(mapping)) {
      const index = trimmed.indexOf(name.trim());
      if (index < 0) return `the mapped column "${name}" is not in the file's header`;
      indexOf.set(field, index);
      headerOf.set(field, trimmed[index] as string);
    }
  } else {
    trimmed.forEach((name, index) => {
      const field = FIELD_BY_COMPARABLE_NAME.get(comparable(name));
      if (field && !indexOf.has(field)) {
        indexOf.set(field, index);
        headerOf.set(field, name);
      }
    });
  }
  const namesAccount = (
    ['displayName', 'legalName', 'firstName', 'lastName', 'externalId', 'emails'] as const
  ).some((field) => indexOf.has(field));
  if (!namesAccount) {
    return 'no column maps to displayName, legalName, firstName, lastName, externalId or emails';
  }
  return { indexOf, headerOf, headerCount: header.length };
}
