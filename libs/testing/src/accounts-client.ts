/** A client of the accounts API for end-to-end tests, benchmarks and the demo seeder. */
import { randomUUID } from 'node:crypto';
import { dataOf, postGraphQL } from './graphql-client';

/** The first page of accounts, each with its contacts: the list screen's query (and the benchmark's). */
export const ACCOUNTS_PAGE_QUERY = `
  query AccountsPage($first: Int!, $filter: AccountFilter) {
    accounts(first: $first, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id kind salesModel displayName emails phones tags lifecycleStage
          contacts(first: 10) { totalCount edges { node { id firstName lastName jobTitle isPrimary emails } } }
        }
      }
    }
  }`;

export interface SignedUpTenant {
  token: string;
  tenantId: string;
  userId: string;
}

function idOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string')
    return value.id;
  throw new Error(`expected an object with an id, got ${JSON.stringify(value)}`);
}

export async function signUpTenant(url: string, tenantName: string): Promise<SignedUpTenant> {
  const result = await postGraphQL(
    url,
    `mutation SignUp($tenantName: String!, $name: String!, $email: String!, $password: String!) {
      signUp(tenantName: $tenantName, name: $name, email: $email, password: $password) { token user { id } tenant { id } }
    }`,
    {
      variables: {
        tenantName,
        name: `${tenantName} Admin`,
        email: `admin-${randomUUID()}@example.com`,
        password: 'correct horse battery staple',
      },
    },
  );
  const { signUp } = dataOf(result, 'signUp') as {
    signUp: { token: string; user: { id: string }; tenant: { id: string } };
  };
  return { token: signUp.token, tenantId: signUp.tenant.id, userId: signUp.user.id };
}

async function createReturningId(
  url: string,
  token: string,
  mutation: 'createAccount' | 'createContact',
  inputType: 'CreateAccountInput' | 'CreateContactInput',
  input: Record<string, unknown>,
): Promise<string> {
  const result = await postGraphQL(
    url,
    `mutation Create($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
    { token, variables: { input } },
  );
  return idOf(dataOf(result, mutation)[mutation]);
}

export function createAccount(url: string, token: string, input: Record<string, unknown>): Promise<string> {
  return createReturningId(url, token, 'createAccount', 'CreateAccountInput', input);
}

export function createContact(url: string, token: string, input: Record<string, unknown>): Promise<string> {
  return createReturningId(url, token, 'createContact', 'CreateContactInput', input);
}

/** A B2B company with `contactCount` contacts, the first one primary. */
export async function createCompanyWithContacts(
  url: string,
  token: string,
  name: string,
  contactCount: number,
): Promise<string> {
  const accountId = await createAccount(url, token, {
    kind: 'COMPANY',
    legalName: name,
    displayName: name,
    industry: 'Retail',
  });
  for (let index = 0; index < contactCount; index += 1) {
    await createContact(url, token, {
      accountId,
      firstName: `Contact${index}`,
      lastName: name.replace(/\W/g, ''),
      jobTitle: index === 0 ? 'Head of Purchasing' : 'Buyer',
      buyingRole: index === 0 ? 'DECISION_MAKER' : 'INFLUENCER',
      isPrimary: index === 0,
      emails: [`contact${index}.${accountId.slice(-8)}@example.com`],
    });
  }
  return accountId;
}

/** A B2C consumer: a natural person, sold to directly. */
export function createPerson(
  url: string,
  token: string,
  firstName: string,
  lastName: string,
): Promise<string> {
  return createAccount(url, token, {
    kind: 'PERSON',
    firstName,
    lastName,
    emails: [`${firstName}.${lastName}@example.com`.toLowerCase()],
  });
}
