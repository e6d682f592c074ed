import { createLogger, type Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { OpportunityEntity } from '../src/opportunity/opportunity.entity';
import { quoteExpiryTask } from '../src/quote/quote-expiry.sweeper';
import type { PipelineServices } from '../src/services';
import { eventTypesAbout, newTenantCaller, outboxRowsAbout, testServices } from './support/pipeline-fixtures';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';
import { seedPriceList, seedProduct } from './support/price-projection';

let db: PipelineTestDatabase;
let services: PipelineServices;
let rep: Caller;
const accountId = '0190f7c2-0000-7000-8000-0000000000a1';
const goldAccountId = '0190f7c2-0000-7000-8000-0000000000a2';
const beams = '0190f7c2-0000-7000-8000-0000000000d1';
const bolts = '0190f7c2-0000-7000-8000-0000000000d2';

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  rep = newTenantCaller('SALES_REP');
  await seedProduct(db, rep.tenantId, { id: beams, name: 'Steel beam', taxRateBasisPoints: 900 });
  await seedProduct(db, rep.tenantId, { id: bolts, name: 'Bolt box', taxRateBasisPoints: 0, active: false });
  await seedPriceList(db, rep.tenantId, {
    id: '0190f7c2-0000-7000-8000-0000000000e1',
    salesModel: 'B2B',
    tier: null,
    currency: 'IRR',
    isDefault: true,
    entries: [
      { productId: beams, minQuantity: 1, unitPriceMinor: '12500000' },
      { productId: beams, minQuantity: 10, unitPriceMinor: '11000000' },
    ],
  });
  await seedPriceList(db, rep.tenantId, {
    id: '0190f7c2-0000-7000-8000-0000000000e2',
    salesModel: 'B2B',
    tier: 'GOLD',
    currency: 'IRR',
    isDefault: false,
    entries: [{ productId: beams, minQuantity: 1, unitPriceMinor: '10000000' }],
  });
  await db.ownerQuery(
    `INSERT INTO "account_profiles" ("tenant_id", "account_id", "sales_model", "tier", "archived") VALUES ($1, $2, 'B2B', NULL, false), ($1, $3, 'B2B', 'GOLD', false)`,
    [rep.tenantId, accountId, goldAccountId],
  );
});

afterAll(() => db.close());

function openDeal(currency = 'IRR', account = accountId): Promise<OpportunityEntity> {
  return services.opportunities.createOpportunity(rep, { name: 'Deal', accountId: account, currency });
}

const today = new Date().toISOString().slice(0, 10);

describe('quotes', () => {
  it.each([
    // currency, lines, subtotal, discount, tax, total
    [
      'IRR with 9 % tax from the product',
      'IRR',
      [{ productId: beams, quantity: 3, unitPriceMinor: '333333', discountPercent: 12.5 }],
      '999999',
      '125000',
      '78750',
      '953749',
    ],
    [
      'JPY, zero-decimal, half-up per line',
      'JPY',
      [
        { description: 'Consulting hour', quantity: 3, unitPriceMinor: '333', discountPercent: 5 },
        { description: 'Travel', quantity: 1, unitPriceMinor: '5', discountPercent: 10 },
      ],
      '1004',
      '51',
      '0',
      '953',
    ],
    [
      'EUR cents',
      'EUR',
      [{ description: 'Licence', quantity: 2, unitPriceMinor: '1999' }],
      '3998',
      '0',
      '0',
      '3998',
    ],
  ])(
    'computes %s in integer minor units',
    async (_case, currency, lineItems, subtotal, discount, tax, total) => {
      const deal = await openDeal(currency);
      const quote = await services.quotes.createQuote(rep, { opportunityId: deal.id, lineItems });

      expect({
        subtotal: quote.subtotalMinor,
        discount: quote.discountMinor,
        tax: quote.taxMinor,
        total: quote.totalMinor,
        currency: quote.currency,
      }).toEqual({ subtotal, discount, tax, total, currency });
      const [lines] = await services.quotes.linesOfQuotes(rep.tenantId, [quote.id]);
      expect(lines?.reduce((sum, line) => sum + BigInt(line.totalMinor), 0n).toString()).toBe(total);
    },
  );

  it('defaults unit prices from the price list projection by tier and quantity break', async () => {
    const regular = await services.quotes.createQuote(rep, {
      opportunityId: (await openDeal()).id,
      lineItems: [
        { productId: beams, quantity: 2 },
        { productId: beams, quantity: 12 },
      ],
    });
    const gold = await services.quotes.createQuote(rep, {
      opportunityId: (await openDeal('IRR', goldAccountId)).id,
      lineItems: [{ productId: beams, quantity: 2 }],
    });

    const [regularLines, goldLines] = await services.quotes.linesOfQuotes(rep.tenantId, [
      regular.id,
      gold.id,
    ]);
    expect(
      regularLines?.map((line) => [line.description, line.unitPriceMinor, line.taxRateBasisPoints]),
    ).toEqual([
      ['Steel beam', '12500000', 900],
      ['Steel beam', '11000000', 900],
    ]);
    expect(goldLines?.map((line) => line.unitPriceMinor)).toEqual(['10000000']);
  });

  it('refuses bad lines, each on its own field, writing nothing and taking no number', async () => {
    const deal = await openDeal('JPY');
    const before = [await db.countRows('quotes'), await db.countRows('line_items')];

    const refusal = await rejectionOf(
      services.quotes.createQuote(rep, {
        opportunityId: deal.id,
        validUntil: '2020-01-01',
        lineItems: [
          { description: 'ok', quantity: 1, unitPriceMinor: '100' },
          { description: 'too generous', quantity: 1, unitPriceMinor: '100', discountPercent: 120 },
          { description: 'negative', quantity: -2, unitPriceMinor: '-100' },
          { productId: beams, quantity: 1 }, // no JPY list prices beams
          { productId: bolts, quantity: 1, unitPriceMinor: '1' },
          { quantity: 1, unitPriceMinor: '1' },
        ],
      }),
    );

    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.fields.map((field) => field.field).sort()).toEqual([
      'input.lineItems[1].discountPercent',
      'input.lineItems[2].quantity',
      'input.lineItems[2].unitPriceMinor',
      'input.lineItems[3].unitPriceMinor',
      'input.lineItems[4].productId',
      'input.lineItems[5].description',
      'input.validUntil',
    ]);
    expect([await db.countRows('quotes'), await db.countRows('line_items')]).toEqual(before);
  });

  it('numbers quotes per tenant sequentially, without gaps or repeats, under concurrency', async () => {
    const tenant = newTenantCaller('SALES_REP');
    const deal = await services.opportunities.createOpportunity(tenant, {
      name: 'Deal',
      accountId,
      currency: 'EUR',
    });
    const lineItems = [{ description: 'Item', quantity: 1, unitPriceMinor: '100' }];

    const quotes = await Promise.all(
      Array.from({ length: 8 }, () =>
        services.quotes.createQuote(tenant, { opportunityId: deal.id, lineItems }),
      ),
    );

    expect(quotes.map((quote) => quote.number).sort()).toEqual(
      Array.from({ length: 8 }, (_, index) => `Q-00000${index + 1}`),
    );
  });

  it('sends, then accepts for good: QuoteAccepted carries the lines; an accepted quote never changes', async () => {
    const deal = await openDeal();
    const quote = await services.quotes.createQuote(rep, {
      opportunityId: deal.id,
      validUntil: today,
      lineItems: [{ productId: beams, quantity: 1 }],
    });
    const contactId = '0190f7c2-0000-7000-8000-0000000000c1';
    await services.quotes.sendQuote(rep, quote.id, contactId);
    const accepted = await services.quotes.acceptQuote(rep, quote.id);
    const again = await services.quotes.acceptQuote(rep, quote.id);

    expect(accepted).toMatchObject({ status: 'ACCEPTED', toContactId: contactId });
    expect(again.version).toBe(accepted.version);
    expect((await rejectionOf(services.quotes.rejectQuote(rep, quote.id, 'changed my mind'))).code).toBe(
      'CONFLICT',
    );
    expect((await rejectionOf(services.quotes.sendQuote(rep, quote.id, null))).code).toBe('CONFLICT');

    const rows = await outboxRowsAbout(db, quote.id);
    expect(rows.map((row) => row.envelope.type)).toEqual([
      'crm.pipeline.QuoteSent.v1',
      'crm.pipeline.QuoteAccepted.v1',
    ]);
    expect(rows[1]?.envelope.data).toMatchObject({
      number: quote.number,
      accountId,
      contactId,
      total: { amountMinor: '13625000', currency: 'IRR' },
      lines: [
        {
          productId: beams,
          quantity: 1,
          unitPrice: { amountMinor: '12500000', currency: 'IRR' },
          taxRatePercent: 9,
          tax: { amountMinor: '1125000', currency: 'IRR' },
          total: { amountMinor: '13625000', currency: 'IRR' },
        },
      ],
    });
  });

  it('refuses to accept a rejected quote or a draft', async () => {
    const deal = await openDeal();
    const lineItems = [{ description: 'Item', quantity: 1, unitPriceMinor: '100' }];
    const draft = await services.quotes.createQuote(rep, { opportunityId: deal.id, lineItems });
    const rejected = await services.quotes.createQuote(rep, { opportunityId: deal.id, lineItems });
    await services.quotes.sendQuote(rep, rejected.id, null);
    await services.quotes.rejectQuote(rep, rejected.id, 'too expensive');

    expect((await rejectionOf(services.quotes.acceptQuote(rep, draft.id))).code).toBe('CONFLICT');
    expect((await rejectionOf(services.quotes.acceptQuote(rep, rejected.id))).code).toBe('CONFLICT');
    expect(await eventTypesAbout(db, rejected.id)).toEqual([
      'crm.pipeline.QuoteSent.v1',
      'crm.pipeline.QuoteRejected.v1',
    ]);
  });

  it('expires after validUntil: refused with CONFLICT, recorded as EXPIRED, announced as nothing else', async () => {
    const deal = await openDeal();
    const quote = await services.quotes.createQuote(rep, {
      opportunityId: deal.id,
      validUntil: today,
      lineItems: [{ description: 'Item', quantity: 1, unitPriceMinor: '100' }],
    });
    await services.quotes.sendQuote(rep, quote.id, null);
    // Time passes: the last valid day is now yesterday.
    await db.ownerQuery(`UPDATE "quotes" SET "valid_until" = current_date - 1 WHERE "id" = $1`, [quote.id]);

    const refusal = await rejectionOf(services.quotes.acceptQuote(rep, quote.id));

    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('expired') });
    const [stored] = await services.quotes.findByIds(rep.tenantId, [quote.id]);
    expect(stored?.status).toBe('EXPIRED');
    expect(await eventTypesAbout(db, quote.id)).toEqual(['crm.pipeline.QuoteSent.v1']);
  });

  it('keeps opportunity line items apart from quotes, with the amount as their net sum', async () => {
    const deal = await openDeal();
    const updated = await services.opportunities.setLineItems(rep, deal.id, [
      { productId: beams, quantity: 2, discountPercent: 10 },
      { description: 'Installation', quantity: 1, unitPriceMinor: '3000000' },
    ]);

    expect(updated.amountMinor).toBe('25500000'); // 25 000 000 − 2 500 000 + 3 000 000
    const [lines] = await services.quotes.linesOfOpportunities(rep.tenantId, [deal.id]);
    expect(lines?.map((line) => line.description)).toEqual(['Steel beam', 'Installation']);
    expect(await eventTypesAbout(db, deal.id)).toEqual([
      'crm.pipeline.OpportunityCreated.v1',
      'crm.pipeline.OpportunityUpdated.v1',
    ]);
  });

  it('has a sweeper record the expiry of every tenant’s overdue quotes, leaving accepted ones alone', async () => {
    const other = newTenantCaller('SALES_REP');
    const lineItems = [{ description: 'Item', quantity: 1, unitPriceMinor: '100' }];
    const overdue = [];
    for (const caller of [rep, other]) {
      const deal = await services.opportunities.createOpportunity(caller, { name: 'Deal', accountId });
      overdue.push(
        await services.quotes.createQuote(caller, { opportunityId: deal.id, validUntil: today, lineItems }),
      );
    }
    const acceptedDeal = await openDeal();
    const accepted = await services.quotes.createQuote(rep, {
      opportunityId: acceptedDeal.id,
      validUntil: today,
      lineItems,
    });
    await services.quotes.sendQuote(rep, accepted.id, null);
    await services.quotes.acceptQuote(rep, accepted.id);
    const ids = [...overdue.map((quote) => quote.id), accepted.id];
    await db.ownerQuery(`UPDATE "quotes" SET "valid_until" = current_date - 1 WHERE "id" = ANY($1::uuid[])`, [
      ids,
    ]);

    await quoteExpiryTask({
      database: db.database,
      logger: createLogger('test', 'silent'),
      sweepEveryMs: 60_000,
    }).runOnce();

    const statuses = await db.ownerQuery<{ id: string; status: string }>(
      `SELECT "id", "status" FROM "quotes" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    expect(new Map(statuses.map((row) => [row.id, row.status]))).toEqual(
      new Map([
        [overdue[0]?.id, 'EXPIRED'],
        [overdue[1]?.id, 'EXPIRED'],
        [accepted.id, 'ACCEPTED'],
      ]),
    );
  });
});
