import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Caller, Role } from '@crm/service-runtime';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** PUBLIC: anyone; AUTHENTICATED: any signed-in caller; a role list: callers holding one of them. */
export type AccessRule = 'PUBLIC' | 'AUTHENTICATED' | readonly Role[];

export interface AccessRules {
  Query: Record<string, AccessRule>;
  Mutation: Record<string, AccessRule>;
}

/** Federation's own root fields: reachable by the gateway with the caller's token. */
const FEDERATION_ROOT_FIELDS: Record<string, AccessRule> = { _service: 'PUBLIC', _entities: 'AUTHENTICATED' };

export function isAllowed(rule: AccessRule, caller: Caller | null): boolean {
  if (rule === 'PUBLIC') return true;
  if (!caller) return false;
  if (rule === 'AUTHENTICATED') return true;
  return caller.roles.some((role) => rule.includes(role));
}

export function ruleFor(
  rules: AccessRules,
  operation: 'Query' | 'Mutation',
  field: string,
): AccessRule | undefined {
  return rules[operation][field] ?? (operation === 'Query' ? FEDERATION_ROOT_FIELDS[field] : undefined);
}

/**
 * Wraps every root field of the schema with its rule. A root field without a rule is a
 * start-up error, so a new operation can never ship unguarded by accident.
 */
export function enforceAccessRules(schema: GraphQLSchema, rules: AccessRules): GraphQLSchema {
  const missing: string[] = [];
  for (const operation of ['Query', 'Mutation'] as const) {
    const type = operation === 'Query' ? schema.getQueryType() : schema.getMutationType();
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = ruleFor(rules, operation, field.name);
      if (!rule) {
        missing.push(`${operation}.${field.name}`);
        continue;
      }
      const resolve: GraphQLFieldResolver<unknown, { caller: Caller | null }> =
        field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (!isAllowed(rule, context.caller)) {
          throw context.caller ? new ForbiddenError() : new UnauthenticatedError();
        }
        return resolve(source, args, context, info);
      };
    }
  }
  if (missing.length > 0) throw new Error(`no access rule for ${missing.join(', ')}`);
  return schema;
}
