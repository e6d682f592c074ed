import {
  convertedAccountFields,
  convertedAccountKind,
  convertedContactFields,
  LEAD_CONVERSION_KEY,
  type LeadConversion,
} from './lead-conversion.mapping';

const LEAD_ID = '0190f7c2-0000-7000-8000-000000000001';
const OWNER_ID = '0190f7c2-0000-7000-8000-000000000002';

function conversion(
  lead: Partial<LeadConversion['lead']> = {},
  rest: Partial<LeadConversion> = {},
): LeadConversion {
  return {
    lead: {
      leadId: LEAD_ID,
      status: 'QUALIFIED',
      source: 'REFERRAL',
      salesModel: 'B2B',
      companyName: 'Kian Steel',
      firstName: 'Sara',
      lastName: 'Karimi',
      email: 'sara@kian.example',
      phone: '09123456789',
      campaignId: null,
      score: 10,
      ownerId: OWNER_ID,
      customFields: { budget: 100 },
      createdAt: '2026-11-01T00:00:00.000Z',
      ...lead,
    },
    accountId: '0190f7c2-0000-7000-8000-000000000003',
    existingAccount: false,
    contactId: '0190f7c2-0000-7000-8000-000000000004',
    opportunityId: '0190f7c2-0000-7000-8000-000000000005',
    convertedAt: '2026-11-02T00:00:00.000Z',
    ...rest,
  };
}

const options = { phoneRegion: 'IR', hasKnownOwner: true };

describe('lead conversion mapping', () => {
  it.each<[string, Partial<LeadConversion['lead']>, string]>([
    ['a B2B lead with a company name', {}, 'COMPANY'],
    ['a B2B lead with a blank company name', { companyName: '  ' }, 'PERSON'],
    ['a B2C lead with a company name', { salesModel: 'B2C' }, 'PERSON'],
  ])('makes %s a %s', (_label, lead, kind) => {
    expect(convertedAccountKind(conversion(lead).lead)).toBe(kind);
  });

  it('puts a company lead’s person on the contact and keeps every other lead field on the account', () => {
    const fields = convertedAccountFields(conversion(), options);
    expect(fields).toMatchObject({
      kind: 'COMPANY',
      salesModel: 'B2B',
      legalName: 'Kian Steel',
      displayName: 'Kian Steel',
      emails: [],
      phones: [],
      ownerId: OWNER_ID,
      customFields: {
        budget: 100,
        [LEAD_CONVERSION_KEY]: {
          leadId: LEAD_ID,
          source: 'REFERRAL',
          campaignId: null,
          score: 10,
          leadStatus: 'QUALIFIED',
        },
      },
    });
    expect(convertedContactFields(conversion(), { phoneRegion: 'IR', isPrimary: true })).toEqual({
      firstName: 'Sara',
      lastName: 'Karimi',
      jobTitle: null,
      buyingRole: null,
      isPrimary: true,
      emails: ['sara@kian.example'],
      phones: ['+989123456789'],
    });
  });

  it('keeps on the company account the email and phone of a lead converted without a contact', () => {
    const fields = convertedAccountFields(conversion({}, { contactId: null }), options);
    expect(fields).toMatchObject({ emails: ['sara@kian.example'], phones: ['+989123456789'] });
  });

  it('keeps what no column can hold: invalid email and phone, an unknown owner, the reserved custom field', () => {
    const fields = convertedAccountFields(
      conversion({
        salesModel: 'B2C',
        email: 'not an email',
        phone: '12',
        customFields: { [LEAD_CONVERSION_KEY]: 'mine', other: true },
      }),
      { phoneRegion: 'IR', hasKnownOwner: false },
    );
    expect(fields).toMatchObject({ kind: 'PERSON', emails: [], phones: [], ownerId: null });
    expect(fields.customFields).toEqual({
      other: true,
      [LEAD_CONVERSION_KEY]: expect.objectContaining({
        email: 'not an email',
        phone: '12',
        ownerId: OWNER_ID,
        companyName: 'Kian Steel',
        leadCustomField: 'mine',
      }),
    });
  });

  it('names a lead without any name after what identifies it', () => {
    const lead = { salesModel: 'B2C' as const, firstName: null, lastName: null, companyName: null };
    expect(convertedAccountFields(conversion(lead), options).displayName).toBe('sara@kian.example');
    expect(convertedContactFields(conversion(lead), { phoneRegion: 'IR', isPrimary: false })).toMatchObject({
      firstName: 'sara@kian.example',
      lastName: '',
    });
  });
});
