import { blankAccountFields } from '../account/account.defaults';
import { mergedAccountFields } from './merge.rules';

const blank = blankAccountFields('COMPANY');
const hq = {
  label: 'HQ',
  line1: 'A 1',
  line2: null,
  city: 'Tehran',
  region: null,
  postalCode: null,
  country: 'IR',
};

describe('mergedAccountFields', () => {
  it('keeps the survivor’s values and fills only its empty fields, from the first duplicate that has one', () => {
    const survivor = { ...blank, displayName: 'Kian', legalName: 'Kian', industry: 'Steel' };
    const first = { ...blank, displayName: 'Kian Ltd', legalName: 'Kian Ltd', industry: 'Metal', tier: null };
    const second = { ...blank, displayName: 'K', legalName: 'K', tier: 'GOLD', website: 'https://k.example' };
    expect(mergedAccountFields(survivor, [first, second])).toMatchObject({
      displayName: 'Kian',
      legalName: 'Kian',
      industry: 'Steel',
      tier: 'GOLD',
      website: 'https://k.example',
    });
  });

  it('takes no field the survivor’s kind may not hold', () => {
    const person = { ...blank, kind: 'PERSON' as const, salesModel: 'B2C' as const, firstName: 'Ali' };
    const company = { ...blank, legalName: 'Ali Co', registrationNumber: '101', lastName: null };
    const merged = mergedAccountFields(person, [company]);
    expect(merged).toMatchObject({ legalName: null, registrationNumber: null, firstName: 'Ali' });
  });

  it('unions emails, phones, tags and addresses, survivor’s first, without repeats', () => {
    const survivor = { ...blank, emails: ['a@x.example'], tags: ['vip'], addresses: [hq] };
    const duplicate = {
      ...blank,
      emails: ['b@x.example', 'a@x.example'],
      phones: ['+989121234567'],
      tags: ['vip', 'steel'],
      addresses: [{ ...hq }, { ...hq, label: 'Plant' }],
    };
    expect(mergedAccountFields(survivor, [duplicate])).toMatchObject({
      emails: ['a@x.example', 'b@x.example'],
      phones: ['+989121234567'],
      tags: ['vip', 'steel'],
      addresses: [hq, { ...hq, label: 'Plant' }],
    });
  });

  it('combines custom fields: the survivor’s keys win, then earlier duplicates over later ones', () => {
    const merged = mergedAccountFields({ ...blank, customFields: { a: 1 } }, [
      { ...blank, customFields: { a: 2, b: 2 } },
      { ...blank, customFields: { b: 3, c: 3 } },
      { ...blank, customFields: null },
    ]);
    expect(merged.customFields).toEqual({ a: 1, b: 2, c: 3 });
    expect(mergedAccountFields(blank, [blank]).customFields).toBeNull();
  });
});
