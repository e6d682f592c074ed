import gql from 'graphql-tag';
import { z } from 'zod';
import { baseConfigShape, startSubgraph, type Caller } from '@crm/subgraph';
import { startTestSubgraph, type TestSubgraph } from './test-subgraph';

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    whoAmI: String!
    greeting(name: String!): String!
  }
`;

const configShape = { ...baseConfigShape, GREETING: z.string() };
const caller: Caller = { tenantId: 't-1', userId: 'u-1', roles: ['ANALYST'] };

describe('startTestSubgraph', () => {
  let testSubgraph: TestSubgraph;
  let seenConfig: z.infer<z.ZodObject<typeof configShape>> | undefined;

  beforeAll(async () => {
    testSubgraph = await startTestSubgraph({
      name: 'greeter',
      configShape,
      env: { GREETING: 'Salaam' },
      jwtSecret: 'test-subgraph-secret-of-32-characters!',
      database: { name: 'not used by this schema' },
      start: (options) => {
        seenConfig = options.config;
        return startSubgraph({
          name: 'greeter',
          typeDefs,
          resolvers: {
            Query: {
              whoAmI: (_parent, _args, context: { caller: Caller | null }) => context.caller?.userId ?? '',
              greeting: (_parent, args: { name: string }) => `${options.config.GREETING}, ${args.name}`,
            },
          },
          accessRules: { Query: { whoAmI: 'AUTHENTICATED', greeting: 'PUBLIC' }, Mutation: {} },
          createLoaders: () => ({}),
          ...options,
        });
      },
    });
  });

  afterAll(() => testSubgraph.subgraph.stop());

  it('parses the service config for a test: free port, silent, the given settings', () => {
    expect(seenConfig).toMatchObject({ NODE_ENV: 'test', PORT: 0, LOG_LEVEL: 'silent', GREETING: 'Salaam' });
  });

  it('posts a query with variables and returns the data with the HTTP status', async () => {
    const result = await testSubgraph.request('query ($name: String!) { greeting(name: $name) }', {
      name: 'Sara',
    });

    expect(result).toEqual({ status: 200, data: { greeting: 'Salaam, Sara' } });
  });

  it('signs tokens the subgraph accepts for the caller', async () => {
    const result = await testSubgraph.request('{ whoAmI }', {}, await testSubgraph.tokenFor(caller));

    expect(result).toEqual({ status: 200, data: { whoAmI: 'u-1' } });
  });
});
