/** The values a subject or body may merge in, e.g. `Hello {{firstName}}`. */
export const MERGE_FIELDS = ['firstName', 'lastName', 'displayName', 'city'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string | null>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders that name no merge field (rejected when the campaign is created, not at send time). */
export function unknownMergeFields(template: string): string[] {
  const known: readonly string[] = MERGE_FIELDS;
  return [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => !known.includes(name));
}

/**
 * Fills the placeholders. A missing first name falls back to the display name, so "Dear
 * {{firstName}}" never renders as "Dear ,"; other missing values render empty.
 */
export function renderTemplate(template: string, values: MergeValues): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (name === 'firstName') return values.firstName ?? values.displayName ?? '';
    return values[name as MergeField] ?? '';
  });
}
