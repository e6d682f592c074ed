import { GraphQLError } from 'graphql';
import { callerOf, type AccessTokenVerifier } from './access-token';
import type { Caller } from './roles';

/** The GraphQL answer to a missing or unusable token: UNAUTHENTICATED with HTTP 401. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * The caller of a GraphQL request, for the gateway and every subgraph alike: null without an
 * Authorization header; a 401 before anything is planned or resolved when the header is unusable.
 */
export async function authenticateRequest(
  authorization: string | undefined,
  verify: AccessTokenVerifier,
): Promise<Caller | null> {
  try {
    return await callerOf(authorization, verify);
  } catch (error) {
    throw unauthenticated(error instanceof Error ? error.message : 'invalid access token');
  }
}
