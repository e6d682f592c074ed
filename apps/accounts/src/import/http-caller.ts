import type express from 'express';
import {
  ForbiddenError,
  isAllowed,
  UnauthenticatedError,
  type AccessRule,
  type Caller,
  type HttpRouteTools,
} from '@crm/subgraph';

/** A failed HTTP call, answered as `{ error: { code, message, fields } }` like a GraphQL error. */
export interface HttpFailure {
  status: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** A domain error (or the kit's GraphQLError for a bad token) as an HTTP answer; null for anything else. */
export function httpFailureOf(error: unknown): HttpFailure | null {
  if (!(error instanceof Error)) return null;
  const withCode = error as Error & { code?: unknown; extensions?: { code?: unknown }; fields?: unknown };
  const code = typeof withCode.code === 'string' ? withCode.code : withCode.extensions?.code;
  if (typeof code !== 'string' || !(code in STATUS_OF_CODE)) return null;
  const fields = Array.isArray(withCode.fields) ? (withCode.fields as HttpFailure['fields']) : undefined;
  return {
    status: STATUS_OF_CODE[code] as number,
    code,
    message: error.message,
    ...(fields ? { fields } : {}),
  };
}

export function sendFailure(response: express.Response, failure: HttpFailure): void {
  const { status, ...error } = failure;
  response.status(status).json({ error });
}

/** The caller of a bearer-token request when `rule` lets them in; otherwise throws UNAUTHENTICATED/FORBIDDEN. */
export async function authorizedCaller(
  tools: HttpRouteTools,
  request: express.Request,
  rule: AccessRule,
): Promise<Caller> {
  const caller = await tools.authenticate(request);
  if (!caller) throw new UnauthenticatedError();
  if (!isAllowed(rule, caller)) throw new ForbiddenError();
  return caller;
}

/** Answers a failure that happened before anything was sent; logs and answers 500 for the unexpected. */
export function answerFailure(tools: HttpRouteTools, response: express.Response, error: unknown): void {
  const failure = httpFailureOf(error);
  if (failure) {
    sendFailure(response, failure);
    return;
  }
  tools.logger.error({ err: error }, 'HTTP route failed');
  sendFailure(response, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'internal error' });
}
