import { FieldErrors } from '@crm/subgraph';
import type { CreateAccountInput, UpdateAccountInput } from '../generated/graphql';
import type { AccountFields } from './account.defaults';
import { validateAccountChanges, validateNewAccount, type ValidationContext } from './account.validation';

const context: ValidationContext = { phoneRegion: 'IR', today: '2026-11-26' };
const OWNER = '0190f7c2-0000-7000-8000-000000000001';

function create(input: CreateAccountInput) {
  const errors = new FieldErrors('input');
  const fields = validateNewAccount(errors, input, context);
  return { fields, errors: errors.list };
}

function update(current: AccountFields, input: Omit<UpdateAccountInput, 'id'>) {
  const errors = new FieldErrors('input');
  const fields = validateAccountChanges(errors, current, { id: 'irrelevant', ...input }, context);
  return { fields, errors: errors.list };
}

const company = (fields: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
  kind: 'COMPANY',
  legalName: 'Kian Steel',
  ...fields,
});
const person = (fields: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
  kind: 'PERSON',
  firstName: 'Sara',
  lastName: 'Ahmadi',
  ...fields,
});

describe('validateNewAccount', () => {
  it('defaults a company to B2B, a person to B2C, both to PROSPECT', () => {
    expect(create(company()).fields).toMatchObject({ salesModel: 'B2B', lifecycleStage: 'PROSPECT' });
    expect(create(person()).fields).toMatchObject({ salesModel: 'B2C', lifecycleStage: 'PROSPECT' });
  });

  it('keeps an explicitly chosen sales model and stage', () => {
    expect(create(company({ salesModel: 'B2C', lifecycleStage: 'CUSTOMER' })).fields).toMatchObject({
      salesModel: 'B2C',
      lifecycleStage: 'CUSTOMER',
    });
  });

  it.each([
    ['a company: its legal name', company(), 'Kian Steel'],
    ['a person: first and last name', person(), 'Sara Ahmadi'],
    ['a person with only a last name', person({ firstName: null }), 'Ahmadi'],
    ['a given display name wins', company({ displayName: '  Kian  ' }), 'Kian'],
    ['a blank display name is derived', person({ displayName: '   ' }), 'Sara Ahmadi'],
  ])('derives the display name of %s', (_case, input, expected) => {
    expect(create(input).fields.displayName).toBe(expected);
  });

  it('normalises emails (lower-case, deduplicated) and phones to E.164, Persian digits included', () => {
    const { fields, errors } = create(
      person({
        emails: [' Sara@Example.COM', 'sara@example.com'],
        phones: ['۰۹۱۲ ۳۴۵ ۶۷۸۹', '+1 650 253 0000'],
      }),
    );
    expect(errors).toEqual([]);
    expect(fields.emails).toEqual(['sara@example.com']);
    expect(fields.phones).toEqual(['+989123456789', '+16502530000']);
  });

  it.each([
    ['example.com', 'https://example.com'],
    ['http://example.com/about?x=1', 'http://example.com/about?x=1'],
    ['https://EXAMPLE.com/', 'https://example.com'],
  ])('accepts the website %j as %j', (website, expected) => {
    expect(create(company({ website })).fields.website).toBe(expected);
  });

  it.each<[string, CreateAccountInput, string, RegExp]>([
    [
      'an invalid email, on its index',
      person({ emails: ['ok@example.com', 'not-an-email'] }),
      'input.emails[1]',
      /not a valid email/,
    ],
    [
      'an invalid phone, on its index',
      person({ phones: ['12345'] }),
      'input.phones[0]',
      /not a valid phone number/,
    ],
    [
      'a website that is not http(s)',
      company({ website: 'ftp://example.com' }),
      'input.website',
      /web address/,
    ],
    ['a website without a domain', company({ website: 'localhost' }), 'input.website', /web address/],
    ['a company without any name', company({ legalName: null }), 'input.legalName', /company needs a name/],
    [
      'a person without first or last name',
      person({ firstName: ' ', lastName: null }),
      'input.firstName',
      /first or a last name/,
    ],
    ['a birth date on a company', company({ birthDate: '1990-01-01' }), 'input.birthDate', /only to PERSON/],
    [
      'a registration number on a person',
      person({ registrationNumber: '10101' }),
      'input.registrationNumber',
      /only to COMPANY/,
    ],
    ['a parent on a person', person({ parentId: OWNER }), 'input.parentId', /only to COMPANY/],
    [
      'a legal name over 200 characters',
      company({ legalName: 'x'.repeat(201) }),
      'input.legalName',
      /at most 200/,
    ],
    ['a negative employee count', company({ employeeCount: -1 }), 'input.employeeCount', /between 0 and/],
    ['a birth date that is no date', person({ birthDate: '1990-02-30' }), 'input.birthDate', /YYYY-MM-DD/],
    [
      'a birth date in the future',
      person({ birthDate: '2030-01-01' }),
      'input.birthDate',
      /between 1900-01-01 and today/,
    ],
    ['an owner id that is no id', company({ ownerId: 'bob' }), 'input.ownerId', /not an id/],
    ['a customFields array', company({ customFields: [1, 2] }), 'input.customFields', /JSON object/],
    [
      'customFields over 16 KiB',
      company({ customFields: { blob: 'x'.repeat(17000) } }),
      'input.customFields',
      /at most 16384 bytes/,
    ],
    ['a tag over 50 characters', company({ tags: ['ok', 'x'.repeat(51)] }), 'input.tags[1]', /at most 50/],
    ['a name with a NUL character', company({ legalName: 'Kian\u0000' }), 'input.legalName', /U\+0000/],
    [
      'customFields with a NUL character deep inside',
      company({ customFields: { a: [{ b: 'x\u0000' }] } }),
      'input.customFields',
      /U\+0000/,
    ],
    [
      'more than 20 emails',
      person({ emails: Array.from({ length: 21 }, (_, i) => `p${i}@example.com`) }),
      'input.emails',
      /at most 20/,
    ],
  ])('reports %s on that field', (_case, input, field, message) => {
    const { errors } = create(input);
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('reports every broken rule at once', () => {
    const { errors } = create(person({ firstName: null, lastName: null, emails: ['bad'], phones: ['bad'] }));
    expect(errors.map((error) => error.field).sort()).toEqual([
      'input.emails[0]',
      'input.firstName',
      'input.phones[0]',
    ]);
  });

  it('checks each address field and upper-cases the country', () => {
    const valid = { label: 'HQ', line1: 'Valiasr St. 12', city: 'Tehran', country: 'ir' };
    expect(create(company({ addresses: [valid] })).fields.addresses).toEqual([
      {
        label: 'HQ',
        line1: 'Valiasr St. 12',
        line2: null,
        city: 'Tehran',
        region: null,
        postalCode: null,
        country: 'IR',
      },
    ]);
    const { errors } = create(company({ addresses: [valid, { ...valid, city: ' ', country: 'Iran' }] }));
    expect(errors).toEqual([
      { field: 'input.addresses[1].country', message: expect.stringMatching(/alpha-2/) },
      { field: 'input.addresses[1].city', message: 'must not be blank' },
    ]);
  });

  it('trims tags and drops blanks and repeats', () => {
    expect(create(company({ tags: [' vip ', 'vip', '', 'wholesale'] })).fields.tags).toEqual([
      'vip',
      'wholesale',
    ]);
  });
});

describe('validateAccountChanges', () => {
  const stored = create(person()).fields;

  it('changes only the fields given', () => {
    const { fields, errors } = update(stored, { tier: 'GOLD' });
    expect(errors).toEqual([]);
    expect(fields).toEqual({ ...stored, tier: 'GOLD' });
  });

  it('keeps a derived display name in step with the names it came from', () => {
    expect(update(stored, { lastName: 'Karimi' }).fields.displayName).toBe('Sara Karimi');
  });

  it('keeps a display name that was given, whatever the names do', () => {
    const named = update(stored, { displayName: 'Sara A.' }).fields;
    expect(update(named, { lastName: 'Karimi' }).fields.displayName).toBe('Sara A.');
  });

  it('derives the display name again when it is cleared', () => {
    const named = update(stored, { displayName: 'Sara A.' }).fields;
    expect(update(named, { displayName: null }).fields.displayName).toBe('Sara Ahmadi');
  });

  it('gives a cleared field its default back, and clears lists to empty', () => {
    const changed = update(stored, { salesModel: 'B2B', lifecycleStage: 'CUSTOMER', tags: ['vip'] }).fields;
    expect(update(changed, { salesModel: null, lifecycleStage: null, tags: null }).fields).toMatchObject({
      salesModel: 'B2C',
      lifecycleStage: 'PROSPECT',
      tags: [],
    });
  });

  it('refuses to clear the last name a person has', () => {
    const { errors } = update(stored, { firstName: null, lastName: '' });
    expect(errors).toEqual([{ field: 'input.firstName', message: 'a person needs a first or a last name' }]);
  });
});
