import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Everything the gateway tells a subgraph about the client's request. Nothing else a client sends
 * (cookies, `x-internal-*`, `x-forwarded-*`, a spoofed tenant header …) ever reaches a subgraph:
 * subgraphs trust only the verified token, and these three are the whole allow-list.
 */
export interface ForwardedHeaders {
  authorization?: string;
  'x-request-id': string;
  traceparent?: string;
}

export const FORWARDED_HEADER_NAMES = [
  'authorization',
  'x-request-id',
  'traceparent',
] as const satisfies readonly (keyof ForwardedHeaders)[];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
// W3C Trace Context, version 00: https://www.w3.org/TR/trace-context/#traceparent-header
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/**
 * Picks what to forward from the client's headers. `bearer` is the token the gateway has already
 * verified, so an Authorization header that is not a verified bearer token is never passed on. A
 * missing or malformed request id is replaced, so every subgraph log line of one request shares it.
 */
export function headersForSubgraphs(
  clientHeaders: IncomingHttpHeaders,
  bearer: string | undefined,
): ForwardedHeaders {
  const requestId = single(clientHeaders['x-request-id']);
  const traceparent = single(clientHeaders['traceparent']);
  return {
    ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    'x-request-id': requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    ...(traceparent && TRACEPARENT.test(traceparent) ? { traceparent } : {}),
  };
}
