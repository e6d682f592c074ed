/**
 * An idempotent demo tenant for `npm start`: signs up once, then only logs in; creates the demo
 * accounts only when the tenant has none. Everything goes through the public GraphQL API.
 */
import { createAccount, createContact, dataOf, postGraphQL } from '@crm/testing';
import { seedAnalyticsDemo } from './seed/analytics-demo';
import { seedInteractionsDemo } from './seed/interactions-demo';
import { seedMarketingDemo } from './seed/marketing-demo';
import { seedOrdersDemo } from './seed/orders-demo';
import { seedPipelineDemo } from './seed/pipeline-demo';

/** Each service's own idempotent demo data, in the order events make sense (catalog before quotes). */
const SERVICE_SEEDS = [
  seedOrdersDemo,
  seedPipelineDemo,
  seedInteractionsDemo,
  seedMarketingDemo,
  seedAnalyticsDemo,
];

const DEMO = {
  tenantName: 'Demo Trading Co',
  name: 'Dana Demo',
  email: 'demo@crm.example',
  password: 'demo-password-2026',
};

const COMPANIES = [
  {
    account: {
      kind: 'COMPANY',
      legalName: 'Kian Steel Industries',
      industry: 'Manufacturing',
      tier: 'GOLD',
      website: 'https://kiansteel.example',
      emails: ['sales@kiansteel.example'],
      phones: ['+982188776655'],
      tags: ['wholesale'],
    },
    contacts: [
      {
        firstName: 'Sara',
        lastName: 'Ahmadi',
        jobTitle: 'Head of Procurement',
        buyingRole: 'DECISION_MAKER',
        isPrimary: true,
        emails: ['sara.ahmadi@kiansteel.example'],
      },
      {
        firstName: 'Reza',
        lastName: 'Karimi',
        jobTitle: 'Plant Engineer',
        buyingRole: 'TECHNICAL_EVALUATOR',
      },
    ],
  },
  {
    account: {
      kind: 'COMPANY',
      legalName: 'Northwind Logistics GmbH',
      industry: 'Logistics',
      tier: 'SILVER',
      website: 'https://northwind.example',
      emails: ['info@northwind.example'],
      tags: ['service-contract'],
    },
    contacts: [
      {
        firstName: 'Lena',
        lastName: 'Vogel',
        jobTitle: 'CFO',
        buyingRole: 'ECONOMIC_BUYER',
        isPrimary: true,
      },
    ],
  },
  {
    account: {
      kind: 'COMPANY',
      legalName: 'شرکت پارس داده',
      industry: 'Software',
      emails: ['hello@parsdata.example'],
      tags: ['prospect'],
    },
    contacts: [
      {
        firstName: 'مریم',
        lastName: 'رضایی',
        jobTitle: 'مدیر فنی',
        buyingRole: 'INFLUENCER',
        isPrimary: true,
      },
    ],
  },
];

const CONSUMERS = [
  {
    kind: 'PERSON',
    firstName: 'Ali',
    lastName: 'Rostami',
    emails: ['ali.rostami@mail.example'],
    phones: ['+989121234567'],
    tags: ['vip'],
  },
  { kind: 'PERSON', firstName: 'Emma', lastName: 'Stone', emails: ['emma.stone@mail.example'] },
  { kind: 'PERSON', firstName: 'نرگس', lastName: 'کاظمی', phones: ['+989351112233'] },
];

async function run<T>(
  endpoint: string,
  operation: string,
  query: string,
  variables: object = {},
  token?: string,
) {
  return dataOf(
    await postGraphQL(endpoint, query, { variables: variables as Record<string, unknown>, token }),
    operation,
  ) as T;
}

async function obtainToken(endpoint: string): Promise<string> {
  const login = await postGraphQL(
    endpoint,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { variables: { email: DEMO.email, password: DEMO.password } },
  );
  const loggedIn = login.data?.['login'] as { token: string } | undefined;
  if (loggedIn) return loggedIn.token;
  const signedUp = await run<{ signUp: { token: string } }>(
    endpoint,
    'demo sign-up',
    'mutation SignUp($tenantName: String!, $name: String!, $email: String!, $password: String!) { signUp(tenantName: $tenantName, name: $name, email: $email, password: $password) { token } }',
    DEMO,
  );
  return signedUp.signUp.token;
}

async function countAccounts(endpoint: string, token: string): Promise<number> {
  const counted = await run<{ accounts: { totalCount: number } }>(
    endpoint,
    'counting demo accounts',
    '{ accounts(first: 1) { totalCount } }',
    {},
    token,
  );
  return counted.accounts.totalCount;
}

async function demoAccountIds(endpoint: string, token: string): Promise<string[]> {
  const listed = await run<{ accounts: { edges: { node: { id: string } }[] } }>(
    endpoint,
    'listing demo accounts',
    '{ accounts(first: 50) { edges { node { id } } } }',
    {},
    token,
  );
  return listed.accounts.edges.map((edge) => edge.node.id);
}

export async function seedDemoTenant(endpoint: string) {
  const token = await obtainToken(endpoint);
  if ((await countAccounts(endpoint, token)) === 0) {
    for (const company of COMPANIES) {
      const accountId = await createAccount(endpoint, token, company.account);
      for (const contact of company.contacts) {
        await createContact(endpoint, token, { ...contact, accountId });
      }
    }
    for (const consumer of CONSUMERS) await createAccount(endpoint, token, consumer);
  }
  const accountIds = await demoAccountIds(endpoint, token);
  for (const seed of SERVICE_SEEDS) await seed(endpoint, token, accountIds);
  const accounts = await countAccounts(endpoint, token);
  return { tenantName: DEMO.tenantName, email: DEMO.email, password: DEMO.password, accounts };
}
