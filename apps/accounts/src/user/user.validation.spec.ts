import { InvalidInputError } from '@crm/subgraph';
import { validateInvite, validateNewPassword, validateSignUp, type SignUpRequest } from './user.validation';

const defaults = { defaultCurrency: 'IRR', locale: 'fa-IR', timeZone: 'Asia/Tehran', phoneRegion: 'IR' };
const request: SignUpRequest = {
  tenantName: ' Kian Co ',
  name: 'Dana',
  email: ' Dana@Kian.Example ',
  password: 'long enough password',
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields.map((field) => field.field);
    throw error;
  }
  return [];
}

describe('validateSignUp', () => {
  it('trims names, normalises the email, keeps the password exactly', () => {
    expect(validateSignUp({ ...request, password: ' spaced password ' }, defaults)).toEqual({
      tenantName: 'Kian Co',
      name: 'Dana',
      email: 'dana@kian.example',
      password: ' spaced password ',
      settings: defaults,
    });
  });

  it.each<[string, Partial<SignUpRequest>, string[]]>([
    ['a blank tenant name', { tenantName: ' ' }, ['tenantName']],
    ['a bad email', { email: 'dana' }, ['email']],
    ['a password under 10 characters', { password: 'short' }, ['password']],
    ['a password over 200 characters', { password: 'x'.repeat(201) }, ['password']],
    ['an unknown currency', { defaultCurrency: 'ABCD' }, ['defaultCurrency']],
    ['all of them at once', { name: '', email: 'x', password: '' }, ['name', 'email', 'password']],
  ])('reports %s, on top-level argument names', (_case, change, fields) => {
    expect(fieldsOf(() => validateSignUp({ ...request, ...change }, defaults))).toEqual(fields);
  });
});

describe('validateInvite', () => {
  it('normalises the email and refuses a blank name', () => {
    expect(validateInvite({ email: 'A@B.example', name: 'Ali', role: 'SALES_REP' })).toEqual({
      email: 'a@b.example',
      name: 'Ali',
      role: 'SALES_REP',
    });
    expect(fieldsOf(() => validateInvite({ email: 'a@b.example', name: ' ', role: 'ADMIN' }))).toEqual([
      'name',
    ]);
  });
});

describe('validateNewPassword', () => {
  it('keeps a password of the sign-up rules exactly and refuses others on `password`', () => {
    expect(validateNewPassword(' spaced password ')).toBe(' spaced password ');
    expect(fieldsOf(() => validateNewPassword('short'))).toEqual(['password']);
    expect(fieldsOf(() => validateNewPassword('x'.repeat(201)))).toEqual(['password']);
  });
});
