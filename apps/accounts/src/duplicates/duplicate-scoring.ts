import { duplicateNameKey, nameSimilarity } from './duplicate-name';

/** What a duplicate check compares: the identifying fields of an account. */
export interface DuplicateEvidence {
  names: string[];
  emails: string[];
  phones: string[];
  registrationNumber: string | null;
  taxId: string | null;
}

export type DuplicateReason =
  | 'SAME_REGISTRATION_NUMBER'
  | 'SAME_TAX_ID'
  | 'SAME_EMAIL'
  | 'SAME_PHONE'
  | 'SAME_NAME'
  | 'SIMILAR_NAME';

/** How strongly each reason alone says "the same customer". */
const REASON_WEIGHTS: Readonly<Record<DuplicateReason, number>> = {
  SAME_REGISTRATION_NUMBER: 0.95,
  SAME_TAX_ID: 0.95,
  SAME_EMAIL: 0.9,
  SAME_PHONE: 0.8,
  SAME_NAME: 0.7,
  SIMILAR_NAME: 0.5,
};

/**
 * Names this similar (pg_trgm similarity of their keys) count as SIMILAR_NAME: a plural or a typo
 * ("Zagros Textile" / "Zagros Textiles" ≈ 0.82) does, two names sharing two words of three
 * ("Kari Manpa Steel" / "Kari Sarto Steel" ≈ 0.48) does not.
 */
export const SIMILAR_NAME_THRESHOLD = 0.6;

export interface DuplicateScore {
  score: number;
  reasons: DuplicateReason[];
}

/**
 * The reasons two accounts look like one customer, and a score: the reasons combined as independent
 * evidence (1 − Π(1 − weight)), so the strongest reason counts most and each further one adds a
 * little. Null when nothing matches.
 */
export function scoreDuplicate(
  target: DuplicateEvidence,
  candidate: DuplicateEvidence,
): DuplicateScore | null {
  const reasons: DuplicateReason[] = [];
  if (target.registrationNumber && target.registrationNumber === candidate.registrationNumber) {
    reasons.push('SAME_REGISTRATION_NUMBER');
  }
  if (target.taxId && target.taxId === candidate.taxId) reasons.push('SAME_TAX_ID');
  if (target.emails.some((email) => candidate.emails.includes(email))) reasons.push('SAME_EMAIL');
  if (target.phones.some((phone) => candidate.phones.includes(phone))) reasons.push('SAME_PHONE');
  const nameReason = compareNames(target.names, candidate.names);
  if (nameReason) reasons.push(nameReason);
  if (reasons.length === 0) return null;
  const unlikely = reasons.reduce((product, reason) => product * (1 - REASON_WEIGHTS[reason]), 1);
  return { score: Math.round((1 - unlikely) * 1000) / 1000, reasons };
}

function compareNames(targetNames: string[], candidateNames: string[]): DuplicateReason | null {
  const targetKeys = nameKeys(targetNames);
  const candidateKeys = nameKeys(candidateNames);
  if (targetKeys.some((key) => candidateKeys.includes(key))) return 'SAME_NAME';
  const best = Math.max(
    0,
    ...targetKeys.flatMap((left) => candidateKeys.map((right) => nameSimilarity(left, right))),
  );
  return best >= SIMILAR_NAME_THRESHOLD ? 'SIMILAR_NAME' : null;
}

function nameKeys(names: string[]): string[] {
  return [...new Set(names.map(duplicateNameKey).filter((key) => key !== ''))];
}
