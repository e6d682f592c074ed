import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { CLIENT_ERROR_CODES } from '@crm/service-runtime';
import { SUBGRAPH_UNAVAILABLE } from './subgraph-errors';

/** Errors a client caused or can act on (subgraphs' domain errors included): shown as they are. */
const PUBLIC_CODES = new Set([...CLIENT_ERROR_CODES, 'NOT_FOUND', 'CONFLICT', SUBGRAPH_UNAVAILABLE]);

/** What a client may see of `extensions`; the rest (subgraph URLs, response bodies, stack traces) stays inside. */
const PUBLIC_EXTENSIONS = ['code', 'serviceName', 'fields'];

function publicExtensions(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  return Object.fromEntries(
    PUBLIC_EXTENSIONS.flatMap((key) => (extensions?.[key] !== undefined ? [[key, extensions[key]]] : [])),
  );
}

/**
 * Logs every internal error in full and, in production, masks it for the client: the message
 * becomes "Internal server error" while `code` and `serviceName` stay, so a client (and whoever it
 * reports to) still knows which service failed and how.
 */
export function createErrorFormatter(options: { isProduction: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    const isPublic = typeof code === 'string' && PUBLIC_CODES.has(code);
    if (!isPublic) {
      options.logger.error({ err: unwrapResolverError(error), path: formatted.path, code }, 'internal error');
    }
    if (!options.isProduction) return formatted;
    const extensions = publicExtensions(formatted.extensions);
    return isPublic
      ? { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions }
      : {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR', ...extensions },
        };
  };
}
