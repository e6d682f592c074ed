import type { ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import {
  bearerToken,
  authenticateRequest,
  type AccessTokenVerifier,
  type Caller,
} from '@crm/service-runtime';
import { headersForSubgraphs, type ForwardedHeaders } from './forwarded-headers';

export interface GatewayContext {
  /** Null for anonymous requests: they pass through, and each subgraph decides what is public. */
  caller: Caller | null;
  forwardedHeaders: ForwardedHeaders;
}

/**
 * Verifies the bearer token, if any, before the operation is planned: a bad token is refused with
 * 401 here and never costs a subgraph a request. The gateway does not decide which operations need
 * a token (signUp and login do not); only the subgraphs know which of their fields are public.
 */
export function createRequestContext(
  verifyToken: AccessTokenVerifier,
): ContextFunction<[ExpressContextFunctionArgument], GatewayContext> {
  return async ({ req }) => {
    const caller = await authenticateRequest(req.headers.authorization, verifyToken);
    return {
      caller,
      forwardedHeaders: headersForSubgraphs(req.headers, bearerToken(req.headers.authorization)),
    };
  };
}
