import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { isAllowed, ROLES, type AccessRule, type Caller, type Role } from '@crm/subgraph';
import { pipelineAccessRules } from './access-rules';

const FEDERATION_DEFINITIONS = `
  directive @link(url: String, import: [String]) repeatable on SCHEMA
  directive @key(fields: String!) repeatable on OBJECT
  directive @shareable on OBJECT | FIELD_DEFINITION
`;

function rootFields(operation: 'Query' | 'Mutation'): string[] {
  const sdl = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');
  const schema = buildASTSchema(parse(FEDERATION_DEFINITIONS + sdl), { assumeValidSDL: true });
  const type = operation === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.keys(type?.getFields() ?? {}).sort();
}

function caller(role: Role): Caller {
  return { tenantId: 't', userId: 'u', roles: [role] };
}

function whoMay(rule: AccessRule): string[] {
  return [
    ...(isAllowed(rule, null) ? ['anonymous'] : []),
    ...ROLES.filter((role) => isAllowed(rule, caller(role))),
  ];
}

describe('pipeline access rules', () => {
  it.each(['Query', 'Mutation'] as const)(
    'give every %s field of the schema exactly one rule',
    (operation) => {
      expect(Object.keys(pipelineAccessRules[operation]).sort()).toEqual(rootFields(operation));
    },
  );

  const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
  const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'];
  const rules = pipelineAccessRules as {
    Query: Record<string, AccessRule>;
    Mutation: Record<string, AccessRule>;
  };
  it.each<[string, AccessRule, string[]]>([
    ...Object.entries(rules.Query).map(([field, rule]): [string, AccessRule, string[]] => [
      `Query.${field}`,
      rule,
      everyone,
    ]),
    ...Object.entries(rules.Mutation)
      .filter(([field]) => field !== 'createPipeline')
      .map(([field, rule]): [string, AccessRule, string[]] => [`Mutation.${field}`, rule, salesWriters]),
    ['Mutation.createPipeline', pipelineAccessRules.Mutation.createPipeline, ['ADMIN']],
  ])('%s may be called by %j', (_operation, rule, expected) => {
    expect(whoMay(rule)).toEqual(expected);
  });
});
