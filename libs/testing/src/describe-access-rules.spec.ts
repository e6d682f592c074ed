import path from 'node:path';
import { describeAccessRules, rootFieldsOf, whoMayCall } from './describe-access-rules';

const SCHEMA_PATH = path.join(__dirname, '../test/fixtures/access-rules-schema.graphql');

describe('rootFieldsOf', () => {
  it('lists the Query and Mutation fields of a federated SDL, sorted', () => {
    const sdl = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Thing @key(fields: "id", resolvable: false) { id: ID! }
      type Query { zebra: Thing, apple: Thing }
    `;

    expect(rootFieldsOf(sdl)).toEqual({ Query: ['apple', 'zebra'], Mutation: [] });
  });
});

describe('whoMayCall', () => {
  it.each([
    ['PUBLIC', ['anonymous', 'ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST']],
    ['AUTHENTICATED', ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST']],
    [
      ['MANAGER', 'ADMIN'],
      ['ADMIN', 'MANAGER'],
    ],
  ] as const)('turns %j into the callers it admits, in role order', (rule, callers) => {
    expect(whoMayCall(rule)).toEqual(callers);
  });
});

describeAccessRules({
  service: 'widgets',
  schemaPath: SCHEMA_PATH,
  rules: {
    Query: { widgets: 'AUTHENTICATED', widget: 'AUTHENTICATED' },
    Mutation: { renameWidget: ['ADMIN'], signIn: 'PUBLIC' },
  },
  callers: {
    'Query.widget': ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'],
    'Mutation.renameWidget': ['ADMIN'],
    'Mutation.signIn': ['anonymous', 'ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'],
  },
});
