import type { ImportField } from './import-fields';
import type { ResolvedColumns } from './import-mapping';

/** One problem of one row: `column` is the header of the cell at fault, null when it is the row as a whole. */
export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

const ADDRESS_PARTS: Readonly<Record<string, ImportField>> = {
  label: 'addressLabel',
  line1: 'addressLine1',
  line2: 'addressLine2',
  city: 'addressCity',
  region: 'addressRegion',
  postalCode: 'addressPostalCode',
  country: 'addressCountry',
};

/** `emails[2]` → the emails column; `addresses[0].country` → the addressCountry column. */
export function columnOfAccountField(field: string, columns: ResolvedColumns): string | null {
  const [base = '', ...rest] = field.split(/[.[]/);
  const part = rest.at(-1) ?? '';
  const importField = base === 'addresses' ? ADDRESS_PARTS[part] : (base as ImportField);
  return importField ? (columns.headerOf.get(importField) ?? null) : null;
}

/** The contact rules name their own fields (`firstName`): those are the contact… columns. */
export function columnOfContactField(field: string, columns: ResolvedColumns): string | null {
  const [base = ''] = field.split(/[.[]/);
  if (base === '') return null;
  const importField = `contact${base.charAt(0).toUpperCase()}${base.slice(1)}` as ImportField;
  return columns.headerOf.get(importField) ?? null;
}
