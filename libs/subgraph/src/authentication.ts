import { Kind, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unauthenticated, type Caller } from '@crm/service-runtime';
import { ruleFor, type AccessRules } from './access-rules';

/** True when every root field of the operation may be called without a token (signUp, login, _service). */
export function isPublicOperation(operation: OperationDefinitionNode, rules: AccessRules): boolean {
  const rootType =
    operation.operation === 'mutation' ? 'Mutation' : operation.operation === 'query' ? 'Query' : null;
  if (!rootType) return false;
  return operation.selectionSet.selections.every((selection) => {
    if (selection.kind !== Kind.FIELD) return false;
    if (selection.name.value === '__typename') return true;
    return ruleFor(rules, rootType, selection.name.value) === 'PUBLIC';
  });
}

/**
 * Refuses, with HTTP 401 and before any resolver runs, every operation without a valid token
 * unless it touches only public fields. Field-level rules then decide FORBIDDEN per role.
 */
export function requireTokenPlugin(rules: AccessRules): ApolloServerPlugin<{ caller: Caller | null }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!contextValue.caller && !(operation && isPublicOperation(operation, rules))) {
            throw unauthenticated('a valid access token is required');
          }
        },
      };
    },
  };
}
