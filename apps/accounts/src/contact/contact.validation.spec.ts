import { FieldErrors } from '@crm/subgraph';
import type { CreateContactInput } from '../generated/graphql';
import { changedContactFields, validateContactChanges, validateNewContact } from './contact.validation';

const ACCOUNT = '0190f7c2-0000-7000-8000-000000000001';

function create(input: Partial<CreateContactInput>) {
  const errors = new FieldErrors('input');
  const fields = validateNewContact(
    errors,
    { accountId: ACCOUNT, firstName: 'Sara', lastName: 'Ahmadi', ...input },
    'IR',
  );
  return { fields, errors: errors.list };
}

describe('validateNewContact', () => {
  it('normalises and defaults: not primary, no role, E.164 phones, lower-case emails', () => {
    const { fields, errors } = create({ emails: ['Sara@Kian.example'], phones: ['0912 345 6789'] });
    expect(errors).toEqual([]);
    expect(fields).toEqual({
      accountId: ACCOUNT,
      firstName: 'Sara',
      lastName: 'Ahmadi',
      jobTitle: null,
      buyingRole: null,
      isPrimary: false,
      emails: ['sara@kian.example'],
      phones: ['+989123456789'],
    });
  });

  it.each<[string, Partial<CreateContactInput>, string]>([
    ['no name at all', { firstName: ' ', lastName: '' }, 'input.firstName'],
    ['an account id that is no id', { accountId: 'acme' }, 'input.accountId'],
    ['a bad email', { emails: ['sara@'] }, 'input.emails[0]'],
    ['a bad phone', { phones: ['+98 12'] }, 'input.phones[0]'],
    ['a job title over 100 characters', { jobTitle: 'x'.repeat(101) }, 'input.jobTitle'],
  ])('reports %s on its field', (_case, input, field) => {
    expect(create(input).errors.map((error) => error.field)).toEqual([field]);
  });
});

describe('validateContactChanges', () => {
  const stored = create({}).fields;

  it('applies only what is given; null clears', () => {
    const errors = new FieldErrors('input');
    const next = validateContactChanges(
      errors,
      stored,
      { id: 'x', jobTitle: 'CFO', isPrimary: true, lastName: null },
      'IR',
    );
    expect(errors.list).toEqual([]);
    expect(next).toMatchObject({ firstName: 'Sara', lastName: '', jobTitle: 'CFO', isPrimary: true });
    expect(changedContactFields(stored, next)).toEqual(['lastName', 'jobTitle', 'isPrimary']);
  });
});
