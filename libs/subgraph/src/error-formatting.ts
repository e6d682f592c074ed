import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { CLIENT_ERROR_CODES } from '@crm/service-runtime';
import { DomainError } from './errors';

const CLIENT_ERROR_CODE_SET = new Set(CLIENT_ERROR_CODES);

/** The request an error was raised in, where known (see `errorRequestIds`). */
export type RequestIdOf = (error: unknown) => string | undefined;

/**
 * Apollo's formatError sees the error but not the request context, so the request id cannot come
 * from there: this plugin notes each error's request id (didEncounterErrors runs before formatting)
 * and the formatter looks it up. A WeakMap, so nothing outlives the errors themselves.
 */
export function errorRequestIds(): {
  plugin: ApolloServerPlugin<{ requestId: string }>;
  requestIdOf: RequestIdOf;
} {
  const requestIds = new WeakMap<object, string>();
  return {
    plugin: {
      async requestDidStart() {
        return {
          async didEncounterErrors({ errors, contextValue }) {
            for (const error of errors) requestIds.set(error, contextValue.requestId);
          },
        };
      },
    },
    requestIdOf: (error) => (typeof error === 'object' && error !== null ? requestIds.get(error) : undefined),
  };
}

/**
 * Maps errors once for the whole subgraph: domain errors keep their code, message and per-field
 * details; anything unexpected (a bug, SQL, a timeout) is logged in full and reaches the client
 * only as INTERNAL_SERVER_ERROR with the request id to quote.
 */
export function createErrorFormatter(logger: Logger, requestIdOf: RequestIdOf = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        extensions: {
          code: original.code,
          ...(original.fields.length > 0 ? { fields: original.fields } : {}),
        },
      };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && CLIENT_ERROR_CODE_SET.has(code)) return formatted;
    const requestId = requestIdOf(error);
    logger.error({ err: original, path: formatted.path, requestId }, 'internal error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    };
  };
}
