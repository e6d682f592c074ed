import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { isAllowed, ROLES, type AccessRule, type AccessRules, type Caller, type Role } from '@crm/subgraph';

/** Who may call a field: `anonymous` (no token) and the roles, in ROLES order. */
export type Callers = ReadonlyArray<'anonymous' | Role>;

// Only so the SDL parses on its own: the federation directives the subgraph schemas use.
const FEDERATION_DEFINITIONS = `
  directive @link(url: String, import: [String]) repeatable on SCHEMA
  directive @key(fields: String!, resolvable: Boolean) repeatable on OBJECT | INTERFACE
  directive @shareable on OBJECT | FIELD_DEFINITION
`;

/** The Query and Mutation fields a subgraph's SDL declares, each sorted. */
export function rootFieldsOf(sdl: string): Record<'Query' | 'Mutation', string[]> {
  const schema = buildASTSchema(parse(FEDERATION_DEFINITIONS + sdl), { assumeValidSDL: true });
  return {
    Query: Object.keys(schema.getQueryType()?.getFields() ?? {}).sort(),
    Mutation: Object.keys(schema.getMutationType()?.getFields() ?? {}).sort(),
  };
}

export function whoMayCall(rule: AccessRule): Callers {
  const caller = (role: Role): Caller => ({ tenantId: 't', userId: 'u', roles: [role] });
  return [
    ...(isAllowed(rule, null) ? (['anonymous'] as const) : []),
    ...ROLES.filter((role) => isAllowed(rule, caller(role))),
  ];
}

export interface AccessRulesExpectations {
  service: string;
  /** The subgraph's schema.graphql. */
  schemaPath: string;
  rules: AccessRules;
  /** Who may call each root field, keyed `Query.field` / `Mutation.field`. */
  callers: Record<string, Callers>;
}

/**
 * A service's access-rules spec: every root field of its schema has exactly one rule, and each
 * listed field may be called by exactly the given callers.
 */
export function describeAccessRules(expected: AccessRulesExpectations): void {
  describe(`${expected.service} access rules`, () => {
    const rootFields = rootFieldsOf(readFileSync(expected.schemaPath, 'utf8'));

    it.each(['Query', 'Mutation'] as const)(
      'give every %s field of the schema exactly one rule',
      (operation) => {
        expect(Object.keys(expected.rules[operation]).sort()).toEqual(rootFields[operation]);
      },
    );

    it.each(Object.entries(expected.callers))('%s may be called by %j', (field, callers) => {
      const [operation, name] = field.split('.') as ['Query' | 'Mutation', string];
      const rule = expected.rules[operation]?.[name];
      expect(rule && whoMayCall(rule)).toEqual(callers);
    });
  });
}
