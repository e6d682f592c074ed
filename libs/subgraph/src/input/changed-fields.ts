import { isDeepStrictEqual } from 'node:util';

export function pickFields<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}

/** The keys whose values differ, compared deeply (JSON objects regardless of key order). */
export function changedFields<T extends object, K extends keyof T>(
  before: T,
  after: T,
  keys: readonly K[],
): K[] {
  return keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
}
