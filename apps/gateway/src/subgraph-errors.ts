import { GraphQLError } from 'graphql';
import { z } from 'zod';

/** The code of the error a client gets for a subgraph that is down, hung, or not speaking GraphQL. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Names the service in the message and in `extensions.serviceName`, so the client knows which part failed. */
export function subgraphUnavailableError(serviceName: string, reason: string): GraphQLError {
  return new GraphQLError(`${serviceName} subgraph unavailable: ${reason}`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName },
  });
}

/** Short and free of internal addresses: `ECONNREFUSED`, `no answer within 10000 ms`. */
export function describeFetchFailure(error: Error, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : error.message;
}

const graphQLErrorResponse = z.object({
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }))
    .min(1),
});

/**
 * A subgraph that refuses a whole operation answers with a non-2xx status and a GraphQL body
 * (e.g. 401 for a signed-out caller). Apollo's data source would turn that into "401: Unauthorized";
 * this keeps the subgraph's own message and code and adds the service name. Undefined when the
 * body is not a GraphQL error response (a proxy's HTML 502, say).
 */
export function subgraphRefusalError(serviceName: string, body: unknown): GraphQLError | undefined {
  const response = graphQLErrorResponse.safeParse(body);
  if (!response.success) return undefined;
  const [refusal] = response.data.errors;
  return new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, serviceName } });
}
