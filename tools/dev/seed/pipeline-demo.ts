/**
 * Demo sales pipeline through the gateway: a deal per demo account at different stages (one won),
 * the primary contact of each account on its buying committee, a sent quote, and a few leads.
 * Idempotent: does nothing when the tenant already has opportunities.
 */
import { gatewayCaller } from './gateway-call';

/** Deal name, amount (IRR minor units) and the stage it has reached, per demo account in order. */
const DEALS = [
  { name: 'Annual steel supply 2027', amountMinor: '45000000000', stage: 'Proposal' },
  { name: 'Fleet service contract', amountMinor: '12000000000', stage: 'Negotiation' },
  { name: 'Kitchen renovation', amountMinor: '850000000', stage: 'Won' },
  { name: 'Warehouse racking', amountMinor: '3200000000', stage: 'Needs analysis' },
];

const LEADS = [
  {
    source: 'EVENT',
    salesModel: 'B2B',
    companyName: 'Tabriz Textiles',
    firstName: 'Nima',
    lastName: 'Jafari',
    email: 'nima@tabriz-textiles.example',
    score: 70,
    customFields: { fair: 'Iran Expo 2026' },
  },
  {
    source: 'WEB',
    salesModel: 'B2C',
    firstName: 'Leila',
    lastName: 'Moradi',
    phone: '+989121112233',
    score: 40,
  },
  { source: 'REFERRAL', salesModel: 'B2B', companyName: 'Caspian Logistics', score: 55 },
];

interface CreatedDeal {
  id: string;
  version: number;
  pipeline: { stages: { id: string; name: string }[] };
}

export async function seedPipelineDemo(
  gatewayUrl: string,
  token: string,
  accountIds: string[],
): Promise<void> {
  const call = gatewayCaller(gatewayUrl, token, 'pipeline');
  const existing = (await call(`{ opportunities(first: 1) { id } }`))['opportunities'] as unknown[];
  if (existing.length > 0) return;

  for (const [index, accountId] of accountIds.slice(0, DEALS.length).entries()) {
    const deal = DEALS[index] as (typeof DEALS)[number];
    const created = (
      await call(
        `mutation Create($input: CreateOpportunityInput!) {
           createOpportunity(input: $input) { id version pipeline { stages { id name } } }
         }`,
        { input: { name: deal.name, accountId, amountMinor: deal.amountMinor, currency: 'IRR' } },
      )
    )['createOpportunity'] as CreatedDeal;
    const target = created.pipeline.stages.find((stage) => stage.name === deal.stage);
    if (target && target.id !== created.pipeline.stages[0]?.id) {
      await call(
        `mutation Move($id: ID!, $stageId: ID!, $version: Int) {
           moveOpportunity(id: $id, stageId: $stageId, expectedVersion: $version) { id }
         }`,
        { id: created.id, stageId: target.id, version: created.version },
      );
    }
    const account = (
      await call(
        `query Contacts($id: ID!) { account(id: $id) { contacts(first: 1) { edges { node { id } } } } }`,
        {
          id: accountId,
        },
      )
    )['account'] as { contacts: { edges: { node: { id: string } }[] } } | null;
    const contactId = account?.contacts.edges[0]?.node.id;
    if (contactId) {
      await call(
        `mutation Role($id: ID!, $contactId: ID!) {
           setOpportunityContactRole(opportunityId: $id, contactId: $contactId, role: "Decision maker", isPrimary: true) { id }
         }`,
        { id: created.id, contactId },
      );
    }
    if (deal.stage === 'Proposal') {
      const quote = (
        await call(`mutation Quote($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
          input: {
            opportunityId: created.id,
            lineItems: [
              {
                description: 'Steel sheet 2mm, monthly delivery',
                quantity: 12,
                unitPriceMinor: '3500000000',
                discountPercent: 5,
              },
              { description: 'On-site installation', quantity: 1, unitPriceMinor: '1500000000' },
            ],
          },
        })
      )['createQuote'] as { id: string };
      await call(`mutation Send($id: ID!, $to: ID) { sendQuote(id: $id, toContactId: $to) { id } }`, {
        id: quote.id,
        to: contactId ?? null,
      });
    }
  }

  for (const lead of LEADS) {
    const created = (
      await call(`mutation Lead($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
        input: lead,
      })
    )['createLead'] as { id: string };
    if (lead.score >= 50)
      await call(`mutation Qualify($id: ID!) { qualifyLead(id: $id) { id } }`, { id: created.id });
  }
}
