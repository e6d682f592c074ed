import type { Caller } from '@crm/subgraph';
import { itKeepsTenantRowsApart } from '@crm/testing';
import type { PipelineServices } from '../src/services';
import { newTenantCaller, testServices } from './support/pipeline-fixtures';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';
import { seedPriceList, seedProduct } from './support/price-projection';

/**
 * Tenant isolation must hold even where a query forgets its tenant filter: these queries have none,
 * and run as the application role, like the service.
 */
let db: PipelineTestDatabase;
let services: PipelineServices;
let tenantA: Caller;
let tenantB: Caller;
const TABLES = [
  'leads',
  'pipelines',
  'stages',
  'opportunities',
  'opportunity_contact_roles',
  'stage_visits',
  'quotes',
  'line_items',
  'quote_counters',
  'products',
  'price_lists',
  'price_list_entries',
  'account_profiles',
  'outbox',
  'inbox',
];

async function fillTenant(caller: Caller, index: number): Promise<void> {
  const productId = `0190f7c2-0000-7000-8000-00000000d00${index}`;
  await seedProduct(db, caller.tenantId, { id: productId, name: 'Beam', taxRateBasisPoints: 900 });
  await seedPriceList(db, caller.tenantId, {
    id: `0190f7c2-0000-7000-8000-00000000e00${index}`,
    salesModel: 'B2B',
    tier: null,
    currency: 'IRR',
    isDefault: true,
    entries: [{ productId, minQuantity: 1, unitPriceMinor: '1000' }],
  });
  await db.ownerQuery(
    `INSERT INTO "account_profiles" ("tenant_id", "account_id", "sales_model", "tier", "archived") VALUES ($1, gen_random_uuid(), 'B2B', NULL, false)`,
    [caller.tenantId],
  );
  await db.ownerQuery(
    `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type") VALUES ($1, 'g', gen_random_uuid(), 't')`,
    [caller.tenantId],
  );
  const lead = await services.leads.createLead(caller, {
    source: 'WEB',
    salesModel: 'B2B',
    companyName: 'Co',
    firstName: 'A',
  });
  const deal = await services.leads.convertLead(caller, { leadId: lead.id });
  const quote = await services.quotes.createQuote(caller, {
    opportunityId: deal.id,
    lineItems: [{ productId, quantity: 1 }],
  });
  expect(quote.number).toBe('Q-000001');
}

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  [tenantA, tenantB] = [newTenantCaller('SALES_REP'), newTenantCaller('SALES_REP')];
  await fillTenant(tenantA, 1);
  await fillTenant(tenantB, 2);
});

afterAll(() => db.close());

describe('row-level security', () => {
  itKeepsTenantRowsApart(TABLES, () => ({ db, observerTenantId: tenantB.tenantId }));

  it("resolves another tenant's ids to nothing through the services", async () => {
    const [dealOfA] = await db.ownerQuery<{ id: string }>(
      `SELECT "id" FROM "opportunities" WHERE "tenant_id" = $1`,
      [tenantA.tenantId],
    );
    const [quoteOfA] = await db.ownerQuery<{ id: string }>(
      `SELECT "id" FROM "quotes" WHERE "tenant_id" = $1`,
      [tenantA.tenantId],
    );
    // The owner sees them: B's nulls below come from isolation, not from ids that do not exist.
    expect(await services.opportunityReads.findByIds(tenantA.tenantId, [dealOfA?.id as string])).toEqual([
      expect.objectContaining({ id: dealOfA?.id }),
    ]);
    expect(await services.quotes.findByIds(tenantA.tenantId, [quoteOfA?.id as string])).toEqual([
      expect.objectContaining({ id: quoteOfA?.id }),
    ]);
    expect(await services.opportunityReads.findByIds(tenantB.tenantId, [dealOfA?.id as string])).toEqual([
      null,
    ]);
    expect(await services.quotes.findByIds(tenantB.tenantId, [quoteOfA?.id as string])).toEqual([null]);
    await expect(
      services.opportunities.moveOpportunity(
        tenantB,
        dealOfA?.id as string,
        dealOfA?.id as string,
        null,
        null,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(services.quotes.acceptQuote(tenantB, quoteOfA?.id as string)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
