import { scoreDuplicate, type DuplicateEvidence } from './duplicate-scoring';

const nobody: DuplicateEvidence = {
  names: [],
  emails: [],
  phones: [],
  registrationNumber: null,
  taxId: null,
};

describe('scoreDuplicate', () => {
  it('is null when nothing matches', () => {
    expect(scoreDuplicate({ ...nobody, names: ['Kian'] }, { ...nobody, names: ['Pars'] })).toBeNull();
  });

  it.each<[string, Partial<DuplicateEvidence>, string[], number]>([
    ['registration number', { registrationNumber: '101' }, ['SAME_REGISTRATION_NUMBER'], 0.95],
    ['tax id', { taxId: '411' }, ['SAME_TAX_ID'], 0.95],
    ['email', { emails: ['a@x.example'] }, ['SAME_EMAIL'], 0.9],
    ['phone', { phones: ['+989121234567'] }, ['SAME_PHONE'], 0.8],
    ['name once legal forms are dropped', { names: ['Kian Steel Ltd'] }, ['SAME_NAME'], 0.7],
  ])('scores the same %s', (_label, evidence, reasons, score) => {
    const target = { ...nobody, ...evidence };
    const candidate = { ...nobody, ...evidence, names: evidence.names ? ['KIAN STEEL GmbH'] : [] };
    expect(scoreDuplicate(target, candidate)).toEqual({ score, reasons });
  });

  it('does not count empty identifiers as equal', () => {
    expect(scoreDuplicate({ ...nobody, taxId: null }, { ...nobody, taxId: null })).toBeNull();
  });

  it('combines reasons as independent evidence: more reasons, higher score, never above 1', () => {
    const evidence = { ...nobody, emails: ['a@x.example'], phones: ['+989121234567'] };
    expect(scoreDuplicate(evidence, evidence)).toEqual({
      score: 0.98,
      reasons: ['SAME_EMAIL', 'SAME_PHONE'],
    });
  });

  it('calls a close spelling a similar name', () => {
    expect(
      scoreDuplicate({ ...nobody, names: ['Zagros Textile'] }, { ...nobody, names: ['Zagros Textiles'] }),
    ).toEqual({ score: 0.5, reasons: ['SIMILAR_NAME'] });
  });
});
