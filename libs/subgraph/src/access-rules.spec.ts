import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, GraphQLSchema, type ExecutionResult } from 'graphql';
import gql from 'graphql-tag';
import type { Caller, Role } from '@crm/service-runtime';
import { enforceAccessRules, isAllowed, type AccessRule, type AccessRules } from './access-rules';
import { DomainError } from './errors';

const caller = (...roles: Role[]): Caller => ({ tenantId: 't', userId: 'u', roles });

describe('isAllowed', () => {
  it.each<[string, AccessRule, Caller | null, boolean]>([
    ['PUBLIC, no caller', 'PUBLIC', null, true],
    ['PUBLIC, any caller', 'PUBLIC', caller('ANALYST'), true],
    ['AUTHENTICATED, no caller', 'AUTHENTICATED', null, false],
    ['AUTHENTICATED, a caller without roles', 'AUTHENTICATED', caller(), true],
    ['roles, no caller', ['ADMIN'], null, false],
    ['roles, caller holds it', ['ADMIN', 'MANAGER'], caller('MANAGER'), true],
    ['roles, caller holds one of several', ['SALES_REP'], caller('ANALYST', 'SALES_REP'), true],
    ['roles, caller holds none', ['ADMIN', 'MANAGER'], caller('SALES_REP', 'ANALYST'), false],
    ['empty role list', [], caller('ADMIN'), false],
  ])('%s → %s', (_case, rule, who, allowed) => {
    expect(isAllowed(rule, who)).toBe(allowed);
  });
});

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Widget @key(fields: "id") {
    id: ID!
  }
  type Query {
    widgets: [Widget!]!
    health: String!
  }
  type Mutation {
    signUp: String!
    deleteWidget: Boolean!
  }
`;

function schemaWith(resolved: jest.Mock) {
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { widgets: resolved, health: () => 'ok' },
      Mutation: { signUp: () => 'welcome', deleteWidget: resolved },
      Widget: { __resolveReference: (reference: { id: string }) => reference },
    },
  });
}

const rules: AccessRules = {
  Query: { widgets: ['MANAGER'], health: 'AUTHENTICATED' },
  Mutation: { signUp: 'PUBLIC', deleteWidget: ['ADMIN'] },
};

async function run(schema: GraphQLSchema, source: string, who: Caller | null): Promise<ExecutionResult> {
  return graphql({ schema, source, contextValue: { caller: who } });
}

const codeOf = (result: ExecutionResult) =>
  (result.errors?.[0]?.originalError as DomainError | undefined)?.code;

describe('enforceAccessRules', () => {
  it('refuses to start with a root field that has no rule, naming every such field', () => {
    const incomplete: AccessRules = { Query: { widgets: ['MANAGER'] }, Mutation: { signUp: 'PUBLIC' } };
    expect(() => enforceAccessRules(schemaWith(jest.fn()), incomplete)).toThrow(
      'no access rule for Query.health, Mutation.deleteWidget',
    );
  });

  it('needs no rule for the federation fields _service and _entities', () => {
    expect(() => enforceAccessRules(schemaWith(jest.fn()), rules)).not.toThrow();
  });

  it('runs the resolver for a caller holding a permitted role', async () => {
    const resolved = jest.fn(() => [{ id: 'w1' }]);
    const result = await run(
      enforceAccessRules(schemaWith(resolved), rules),
      '{ widgets { id } }',
      caller('MANAGER'),
    );
    expect(result).toEqual({ data: { widgets: [{ id: 'w1' }] } });
  });

  it('answers FORBIDDEN to a signed-in caller without the role, and never runs the resolver', async () => {
    const resolved = jest.fn(() => true);
    const result = await run(
      enforceAccessRules(schemaWith(resolved), rules),
      'mutation { deleteWidget }',
      caller('MANAGER'),
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(resolved).not.toHaveBeenCalled();
  });

  it('answers UNAUTHENTICATED, not FORBIDDEN, when there is no caller', async () => {
    const resolved = jest.fn(() => []);
    const result = await run(enforceAccessRules(schemaWith(resolved), rules), '{ widgets { id } }', null);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(resolved).not.toHaveBeenCalled();
  });

  it('lets anyone call a PUBLIC field', async () => {
    const result = await run(enforceAccessRules(schemaWith(jest.fn()), rules), 'mutation { signUp }', null);
    expect(result).toEqual({ data: { signUp: 'welcome' } });
  });

  it('serves _service to anyone but _entities only to a signed-in caller', async () => {
    const schema = enforceAccessRules(schemaWith(jest.fn()), rules);
    const sdl = await run(schema, '{ _service { sdl } }', null);
    expect(sdl.errors).toBeUndefined();
    const entities =
      '{ _entities(representations: [{ __typename: "Widget", id: "w1" }]) { ... on Widget { id } } }';
    expect(codeOf(await run(schema, entities, null))).toBe('UNAUTHENTICATED');
    expect(await run(schema, entities, caller('ANALYST'))).toEqual({ data: { _entities: [{ id: 'w1' }] } });
  });

  it('lets a service rule override the default for a federation field', async () => {
    const schema = enforceAccessRules(schemaWith(jest.fn()), {
      ...rules,
      Query: { ...rules.Query, _entities: ['ADMIN'] },
    });
    const entities =
      '{ _entities(representations: [{ __typename: "Widget", id: "w1" }]) { ... on Widget { id } } }';
    expect(codeOf(await run(schema, entities, caller('ANALYST')))).toBe('FORBIDDEN');
  });
});
