import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { AccessRules } from './access-rules';
import { isPublicOperation } from './authentication';

const rules: AccessRules = {
  Query: { me: 'AUTHENTICATED', publicStats: 'PUBLIC' },
  Mutation: { signUp: 'PUBLIC', login: 'PUBLIC', inviteUser: ['ADMIN'] },
};

function operation(source: string): OperationDefinitionNode {
  const definition = parse(source).definitions.find(
    (candidate) => candidate.kind === Kind.OPERATION_DEFINITION,
  );
  return definition as OperationDefinitionNode;
}

describe('isPublicOperation', () => {
  it.each([
    ['a public mutation', 'mutation { login(email: "a", password: "b") { token } }'],
    ['two public mutations', 'mutation { signUp { token } login { token } }'],
    ['an aliased public field', 'mutation { session: login { token } }'],
    ['the composition query', '{ _service { sdl } }'],
    ['a public query with __typename', '{ __typename publicStats }'],
  ])('is true for %s', (_case, source) => {
    expect(isPublicOperation(operation(source), rules)).toBe(true);
  });

  it.each([
    ['a field that needs a caller', '{ me { id } }'],
    ['a public field next to a guarded one', 'mutation { login { token } inviteUser { id } }'],
    ['_entities', '{ _entities(representations: []) { __typename } }'],
    ['introspection', '{ __schema { types { name } } }'],
    ['a field the rules do not know', '{ accounts { id } }'],
    ['a root fragment spread', 'query { ...F } fragment F on Query { publicStats }'],
    ['an inline fragment at the root', 'query { ... on Query { publicStats } }'],
    ['a subscription', 'subscription { publicStats }'],
    ['a query naming a public mutation field', '{ login { token } }'],
  ])('is false for %s', (_case, source) => {
    expect(isPublicOperation(operation(source), rules)).toBe(false);
  });
});
