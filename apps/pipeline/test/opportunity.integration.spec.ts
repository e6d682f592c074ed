import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { PipelineServices } from '../src/services';
import type { StageEntity } from '../src/pipeline/stage.entity';
import { eventTypesAbout, newTenantCaller, outboxRowsAbout, testServices } from './support/pipeline-fixtures';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';

let db: PipelineTestDatabase;
let services: PipelineServices;
let rep: Caller;
let b2bStages: Map<string, StageEntity>;
let b2cStages: Map<string, StageEntity>;
const accountId = '0190f7c2-0000-7000-8000-0000000000a1';

async function stagesByName(salesModel: 'B2B' | 'B2C'): Promise<Map<string, StageEntity>> {
  const [pipeline] = await services.pipelines.listPipelines(rep, salesModel);
  const [stages] = await services.pipelines.stagesOfPipelines(rep.tenantId, [pipeline?.id as string]);
  return new Map((stages ?? []).map((stage) => [stage.name, stage]));
}

function stage(stages: Map<string, StageEntity>, name: string): StageEntity {
  return stages.get(name) as StageEntity;
}

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  rep = newTenantCaller('SALES_REP');
  b2bStages = await stagesByName('B2B');
  b2cStages = await stagesByName('B2C');
});

afterAll(() => db.close());

function newDeal(overrides: Record<string, unknown> = {}) {
  return services.opportunities.createOpportunity(rep, {
    name: 'Steel beams',
    accountId,
    amountMinor: '1000000',
    currency: 'IRR',
    ...overrides,
  });
}

describe('pipelines', () => {
  it('gives each tenant a default B2B and B2C pipeline on first use, once, and announces them', async () => {
    const pipelines = await services.pipelines.listPipelines(rep, null);
    const again = await services.pipelines.listPipelines(rep, null);

    expect(pipelines.map((pipeline) => [pipeline.salesModel, pipeline.isDefault])).toEqual([
      ['B2B', true],
      ['B2C', true],
    ]);
    expect(again.map((pipeline) => pipeline.id)).toEqual(pipelines.map((pipeline) => pipeline.id));
    expect([...b2bStages.values()].map((s) => [s.name, s.probability, s.type])).toEqual([
      ['Qualification', 10, 'OPEN'],
      ['Needs analysis', 20, 'OPEN'],
      ['Proposal', 50, 'OPEN'],
      ['Negotiation', 75, 'OPEN'],
      ['Won', 100, 'WON'],
      ['Lost', 0, 'LOST'],
    ]);
    expect([...b2cStages.keys()]).toEqual(['New', 'Contacted', 'Offer', 'Won', 'Lost']);
    for (const pipeline of pipelines)
      expect(await eventTypesAbout(db, pipeline.id)).toEqual(['crm.pipeline.PipelineDefined.v1']);
  });

  it('creates the defaults only once when two first uses race', async () => {
    const tenant = newTenantCaller('ADMIN');
    await Promise.all([
      services.pipelines.listPipelines(tenant, 'B2B'),
      services.pipelines.listPipelines(tenant, 'B2B'),
      services.pipelines.listPipelines(tenant, 'B2B'),
    ]);
    expect(await services.pipelines.listPipelines(tenant, 'B2B')).toHaveLength(1);
  });

  it('creates a custom pipeline with ordered stages and refuses one without a way to win or lose', async () => {
    const pipeline = await services.pipelines.createPipeline(rep, {
      name: 'Wholesale',
      salesModel: 'B2B',
      stages: [
        { name: 'Inquiry', probability: 5, type: 'OPEN' },
        { name: 'Contract', probability: 90, type: 'OPEN', forecastCategory: 'COMMIT' },
        { name: 'Signed', probability: 100, type: 'WON' },
        { name: 'Dropped', probability: 0, type: 'LOST' },
      ],
    });
    const [stages] = await services.pipelines.stagesOfPipelines(rep.tenantId, [pipeline.id]);
    expect(stages?.map((s) => [s.position, s.name, s.forecastCategory])).toEqual([
      [1, 'Inquiry', 'PIPELINE'],
      [2, 'Contract', 'COMMIT'],
      [3, 'Signed', 'CLOSED'],
      [4, 'Dropped', 'OMITTED'],
    ]);

    const refusal = await rejectionOf(
      services.pipelines.createPipeline(rep, {
        name: 'Broken',
        salesModel: 'B2C',
        stages: [{ name: 'Only', probability: 150, type: 'OPEN' }],
      }),
    );
    expect(refusal.fields.map((field) => field.field)).toEqual([
      'input.stages[0].probability',
      'input.stages',
      'input.stages',
    ]);
  });
});

describe('opportunities', () => {
  it('starts in the first open stage with the stage probability, and announces it', async () => {
    const deal = await newDeal();

    expect(deal).toMatchObject({
      stageId: stage(b2bStages, 'Qualification').id,
      version: 1,
      salesModel: 'B2B',
    });
    const [history] = await services.opportunityReads.stageHistoryOf(rep.tenantId, [deal.id]);
    expect(history).toEqual([expect.objectContaining({ stageId: deal.stageId, exitedAt: null })]);
    const [created] = await outboxRowsAbout(db, deal.id);
    expect(created?.envelope.data).toMatchObject({
      amount: { amountMinor: '1000000', currency: 'IRR' },
      probability: 10,
      stageName: 'Qualification',
      leadId: null,
    });
  });

  it.each<[string, () => Record<string, unknown>, string]>([
    ['a negative amount', () => ({ amountMinor: '-5' }), 'input.amountMinor'],
    ['a fractional amount', () => ({ amountMinor: '10.5' }), 'input.amountMinor'],
    ['an unknown currency', () => ({ currency: 'XYZ' }), 'input.currency'],
    ['a probability over 100', () => ({ probability: 120 }), 'input.probability'],
    ['a closed starting stage', () => ({ stageId: stage(b2bStages, 'Won').id }), 'input.stageId'],
    ['an impossible date', () => ({ expectedCloseDate: '2026-02-30' }), 'input.expectedCloseDate'],
  ])('refuses %s, naming the field and writing nothing', async (_case, input, field) => {
    const before = [await db.countRows('opportunities'), await db.countRows('outbox')];

    const refusal = await rejectionOf(newDeal(input()));

    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
    expect([await db.countRows('opportunities'), await db.countRows('outbox')]).toEqual(before);
  });

  it('records every stage entry and exit with timestamps, and announces each move with both stages', async () => {
    const deal = await newDeal();
    const proposal = stage(b2bStages, 'Proposal');
    const moved = await services.opportunities.moveOpportunity(rep, deal.id, proposal.id, 1, null);
    const negotiation = stage(b2bStages, 'Negotiation');
    await services.opportunities.moveOpportunity(rep, deal.id, negotiation.id, moved.version, null);

    const [history] = await services.opportunityReads.stageHistoryOf(rep.tenantId, [deal.id]);
    expect(history?.map((visit) => visit.stageId)).toEqual([deal.stageId, proposal.id, negotiation.id]);
    expect(history?.[0]?.exitedAt).toEqual(history?.[1]?.enteredAt);
    expect(history?.[1]?.exitedAt).toEqual(history?.[2]?.enteredAt);
    expect(history?.[2]?.exitedAt).toBeNull();
    expect(history?.[0]?.enteredAt.getTime()).toBeLessThanOrEqual(
      history?.[1]?.enteredAt.getTime() as number,
    );

    const rows = await outboxRowsAbout(db, deal.id);
    expect(rows.map((row) => row.envelope.type)).toEqual([
      'crm.pipeline.OpportunityCreated.v1',
      'crm.pipeline.OpportunityStageChanged.v1',
      'crm.pipeline.OpportunityStageChanged.v1',
    ]);
    expect(rows[1]?.envelope).toMatchObject({
      sequence: '2',
      data: {
        fromStageName: 'Qualification',
        fromProbability: 10,
        fromStageEnteredAt: history?.[0]?.enteredAt.toISOString(),
        stageName: 'Proposal',
        probability: 50,
        toStageType: 'OPEN',
        weightedAmount: { amountMinor: '500000', currency: 'IRR' },
        changedAt: history?.[1]?.enteredAt.toISOString(),
      },
    });
  });

  it('refuses a stale expectedVersion as CONFLICT, and a stage of another pipeline as bad input, moving nothing', async () => {
    const deal = await newDeal();
    await services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Proposal').id, 1, null);
    const outbox = await db.countRows('outbox');

    const stale = await rejectionOf(
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Negotiation').id, 1, null),
    );
    const elsewhere = await rejectionOf(
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2cStages, 'Offer').id, 2, null),
    );

    expect(stale.code).toBe('CONFLICT');
    expect(elsewhere).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'stageId' }] });
    const [current] = await services.opportunityReads.findByIds(rep.tenantId, [deal.id]);
    expect(current).toMatchObject({ stageId: stage(b2bStages, 'Proposal').id, version: 2 });
    expect(await db.countRows('outbox')).toBe(outbox);
  });

  it('lets exactly one of two concurrent moves with the same expected version win', async () => {
    const deal = await newDeal();
    const outcomes = await Promise.allSettled([
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Proposal').id, 1, null),
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Negotiation').id, 1, null),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const [history] = await services.opportunityReads.stageHistoryOf(rep.tenantId, [deal.id]);
    expect(history).toHaveLength(2);
    expect(await eventTypesAbout(db, deal.id)).toHaveLength(2);
  });

  it('closes on WON, refuses further moves until reopened, and reopens explicitly', async () => {
    const deal = await newDeal();
    const won = await services.opportunities.moveOpportunity(
      rep,
      deal.id,
      stage(b2bStages, 'Won').id,
      null,
      null,
    );
    expect(won.closedAt).toBeInstanceOf(Date);

    const moveClosed = await rejectionOf(
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Proposal').id, null, null),
    );
    expect(moveClosed.code).toBe('CONFLICT');

    const reopened = await services.opportunities.reopenOpportunity(
      rep,
      deal.id,
      stage(b2bStages, 'Negotiation').id,
      won.version,
    );
    expect(reopened).toMatchObject({ closedAt: null, stageId: stage(b2bStages, 'Negotiation').id });
    expect(await eventTypesAbout(db, deal.id)).toEqual([
      'crm.pipeline.OpportunityCreated.v1',
      'crm.pipeline.OpportunityStageChanged.v1',
      'crm.pipeline.OpportunityWon.v1',
      'crm.pipeline.OpportunityStageChanged.v1',
    ]);
  });

  it('needs a reason to lose a deal, and announces it with the reason', async () => {
    const deal = await newDeal();
    const noReason = await rejectionOf(
      services.opportunities.moveOpportunity(rep, deal.id, stage(b2bStages, 'Lost').id, null, null),
    );
    expect(noReason).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'lostReason' }] });

    const lost = await services.opportunities.markOpportunityLost(rep, deal.id, 'went with a competitor');

    expect(lost).toMatchObject({
      stageId: stage(b2bStages, 'Lost').id,
      lostReason: 'went with a competitor',
    });
    const [lostEvent] = (await outboxRowsAbout(db, deal.id)).filter((row) =>
      row.envelope.type.includes('Lost'),
    );
    expect(lostEvent?.envelope.data).toMatchObject({ lostReason: 'went with a competitor', probability: 0 });
  });

  it('overrides the probability until the next move, and announces updates with the changed fields', async () => {
    const deal = await newDeal();
    const updated = await services.opportunities.updateOpportunity(rep, {
      id: deal.id,
      expectedVersion: 1,
      probability: 35,
      amountMinor: '2000000',
    });
    const unchanged = await services.opportunities.updateOpportunity(rep, { id: deal.id, probability: 35 });
    expect(unchanged.version).toBe(updated.version);

    const [event] = (await outboxRowsAbout(db, deal.id)).filter((row) =>
      row.envelope.type.includes('Updated'),
    );
    expect(event?.envelope.data).toMatchObject({ probability: 35, changedFields: ['amount', 'probability'] });

    const moved = await services.opportunities.moveOpportunity(
      rep,
      deal.id,
      stage(b2bStages, 'Proposal').id,
      null,
      null,
    );
    expect(moved.probabilityOverride).toBeNull();
  });

  it('keeps a buying committee with one primary contact', async () => {
    const deal = await newDeal();
    const [first, second] = ['0190f7c2-0000-7000-8000-0000000000c1', '0190f7c2-0000-7000-8000-0000000000c2'];
    await services.opportunities.setContactRole(rep, deal.id, first, 'Decision maker', true);
    await services.opportunities.setContactRole(rep, deal.id, second, 'Technical evaluator', true);

    const [roles] = await services.opportunityReads.contactRolesOf(rep.tenantId, [deal.id]);
    expect(roles?.map((role) => [role.contactId, role.isPrimary])).toEqual([
      [second, true],
      [first, false],
    ]);
    const [byContact] = await services.opportunityReads.byContacts(rep.tenantId, [first]);
    expect(byContact?.map((opportunity) => opportunity.id)).toEqual([deal.id]);
  });

  it('refuses new opportunities for an archived account', async () => {
    const archivedAccount = '0190f7c2-0000-7000-8000-0000000000ff';
    await db.ownerQuery(
      `INSERT INTO "account_profiles" ("tenant_id", "account_id", "sales_model", "tier", "archived") VALUES ($1, $2, 'B2B', NULL, true)`,
      [rep.tenantId, archivedAccount],
    );
    expect((await rejectionOf(newDeal({ accountId: archivedAccount }))).code).toBe('CONFLICT');
  });

  it('puts a B2C account’s deal into the B2C default pipeline', async () => {
    const person = '0190f7c2-0000-7000-8000-0000000000b2';
    await db.ownerQuery(
      `INSERT INTO "account_profiles" ("tenant_id", "account_id", "sales_model", "tier", "archived") VALUES ($1, $2, 'B2C', NULL, false)`,
      [rep.tenantId, person],
    );
    const deal = await newDeal({ accountId: person });
    expect(deal).toMatchObject({ salesModel: 'B2C', stageId: stage(b2cStages, 'New').id });
  });
});
