import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { PipelineServices } from '../src/services';
import { eventTypesAbout, newTenantCaller, outboxRowsAbout, testServices } from './support/pipeline-fixtures';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';

let db: PipelineTestDatabase;
let services: PipelineServices;
let rep: Caller;

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  rep = newTenantCaller('SALES_REP');
});

afterAll(() => db.close());

const b2bLead = {
  source: 'CAMPAIGN' as const,
  salesModel: 'B2B' as const,
  companyName: 'Pars Steel Co',
  firstName: 'Sara',
  lastName: 'Ahmadi',
  email: 'Sara.Ahmadi@ParsSteel.example',
  phone: '0912 345 6789',
  campaignId: '0190f7c2-0000-7000-8000-00000000c001',
  score: 80,
  customFields: { budget: 'Q3', employees: 250, tags: ['fair-2026'] },
};

describe('leads', () => {
  it('creates a lead with normalised contact details and announces every field', async () => {
    const lead = await services.leads.createLead(rep, b2bLead);

    expect(lead).toMatchObject({
      status: 'NEW',
      email: 'sara.ahmadi@parssteel.example',
      phone: '+989123456789',
      ownerId: rep.userId,
      customFields: b2bLead.customFields,
    });
    const [created] = await outboxRowsAbout(db, lead.id);
    expect(created?.envelope.type).toBe('crm.pipeline.LeadCreated.v1');
    expect(created?.envelope.data).toMatchObject({
      leadId: lead.id,
      companyName: 'Pars Steel Co',
      campaignId: b2bLead.campaignId,
      score: 80,
      customFields: b2bLead.customFields,
    });
  });

  it('refuses a lead naming nobody, a CAMPAIGN lead without its campaign and bad details, writing nothing', async () => {
    const before = await db.countRows('leads');
    const refusal = await rejectionOf(
      services.leads.createLead(rep, {
        source: 'CAMPAIGN',
        salesModel: 'B2C',
        email: 'not-an-email',
        phone: '12',
        score: 101,
        customFields: ['not', 'an', 'object'],
      }),
    );

    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.fields.map((field) => field.field).sort()).toEqual([
      'input.campaignId',
      'input.companyName',
      'input.customFields',
      'input.email',
      'input.phone',
      'input.score',
    ]);
    expect(await db.countRows('leads')).toBe(before);
  });

  it('qualifies once (again is a no-op) and disqualifies only with a reason', async () => {
    const lead = await services.leads.createLead(rep, { source: 'WEB', salesModel: 'B2C', firstName: 'Ali' });
    await services.leads.qualifyLead(rep, lead.id);
    await services.leads.qualifyLead(rep, lead.id);

    const noReason = await rejectionOf(services.leads.disqualifyLead(rep, lead.id, '   '));
    expect(noReason).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });

    const disqualified = await services.leads.disqualifyLead(rep, lead.id, 'no budget');
    expect(disqualified).toMatchObject({ status: 'DISQUALIFIED', disqualifiedReason: 'no budget' });
    expect(await eventTypesAbout(db, lead.id)).toEqual([
      'crm.pipeline.LeadCreated.v1',
      'crm.pipeline.LeadQualified.v1',
      'crm.pipeline.LeadDisqualified.v1',
    ]);
  });

  it('refuses to convert a disqualified lead, writing and publishing nothing', async () => {
    const lead = await services.leads.createLead(rep, {
      source: 'WEB',
      salesModel: 'B2C',
      firstName: 'Reza',
    });
    await services.leads.disqualifyLead(rep, lead.id, 'duplicate');
    const [opportunities, outbox] = [await db.countRows('opportunities'), await db.countRows('outbox')];

    const refusal = await rejectionOf(services.leads.convertLead(rep, { leadId: lead.id }));

    expect(refusal.code).toBe('CONFLICT');
    expect(await db.countRows('opportunities')).toBe(opportunities);
    expect(await db.countRows('outbox')).toBe(outbox);
  });

  it('converts a lead into an opportunity and announces new account and contact ids with every lead field', async () => {
    const lead = await services.leads.createLead(rep, b2bLead);
    await services.leads.qualifyLead(rep, lead.id);

    const opportunity = await services.leads.convertLead(rep, {
      leadId: lead.id,
      opportunityName: 'Pars Steel rollout',
      amountMinor: '5000000000',
    });

    const [event] = (await outboxRowsAbout(db, lead.id)).filter(
      (row) => row.envelope.type === 'crm.pipeline.LeadConverted.v1',
    );
    const data = event?.envelope.data as Record<string, unknown> & { lead: Record<string, unknown> };
    expect(data).toMatchObject({
      opportunityId: opportunity.id,
      accountId: opportunity.accountId,
      existingAccount: false,
      contactId: expect.any(String),
    });
    expect(data.lead).toEqual({
      leadId: lead.id,
      status: 'CONVERTED',
      source: 'CAMPAIGN',
      salesModel: 'B2B',
      companyName: 'Pars Steel Co',
      firstName: 'Sara',
      lastName: 'Ahmadi',
      email: 'sara.ahmadi@parssteel.example',
      phone: '+989123456789',
      campaignId: b2bLead.campaignId,
      score: 80,
      ownerId: rep.userId,
      customFields: b2bLead.customFields,
      createdAt: lead.createdAt.toISOString(),
    });
    expect(opportunity).toMatchObject({
      name: 'Pars Steel rollout',
      amountMinor: '5000000000',
      leadId: lead.id,
      source: 'CAMPAIGN',
      campaignId: b2bLead.campaignId,
      salesModel: 'B2B',
    });
    const [role] = await services.opportunityReads.contactRolesOf(rep.tenantId, [opportunity.id]);
    expect(role).toEqual([expect.objectContaining({ contactId: data['contactId'], isPrimary: true })]);
    expect(await eventTypesAbout(db, opportunity.id)).toEqual(['crm.pipeline.OpportunityCreated.v1']);
  });

  it('answers a retried conversion with the first opportunity, announcing nothing twice', async () => {
    const lead = await services.leads.createLead(rep, {
      source: 'REFERRAL',
      salesModel: 'B2C',
      lastName: 'Karimi',
    });
    const first = await services.leads.convertLead(rep, { leadId: lead.id });
    const again = await services.leads.convertLead(rep, { leadId: lead.id });

    expect(again.id).toBe(first.id);
    expect(first.salesModel).toBe('B2C');
    const conversions = (await eventTypesAbout(db, lead.id)).filter((type) => type.includes('LeadConverted'));
    expect(conversions).toHaveLength(1);
  });

  it('links a conversion to an existing account, and gives no contact to a lead naming no person', async () => {
    const existingAccountId = '0190f7c2-0000-7000-8000-0000000000aa';
    const lead = await services.leads.createLead(rep, {
      source: 'PARTNER',
      salesModel: 'B2B',
      companyName: 'Kish Trade',
    });

    const opportunity = await services.leads.convertLead(rep, { leadId: lead.id, existingAccountId });

    expect(opportunity.accountId).toBe(existingAccountId);
    const converted = (await outboxRowsAbout(db, lead.id)).at(-1)?.envelope.data;
    expect(converted).toMatchObject({ accountId: existingAccountId, existingAccount: true, contactId: null });
  });
});
