import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { createErrorFormatter } from './error-formatting';

const logger = pino({ level: 'silent' });

describe('createErrorFormatter', () => {
  const internal: GraphQLFormattedError = {
    message: 'relation "accounts" does not exist',
    path: ['accounts'],
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      serviceName: 'accounts',
      response: { url: 'http://10.0.0.7:4001/graphql', body: 'stack …' },
      stacktrace: ['at query (pg.js:1)'],
    },
  };

  it('masks an internal error in production but keeps its code and the service that failed', () => {
    const format = createErrorFormatter({ isProduction: true, logger });

    expect(format(internal, new GraphQLError(internal.message))).toEqual({
      message: 'Internal server error',
      path: ['accounts'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'accounts' },
    });
  });

  it('masks an error without a code as INTERNAL_SERVER_ERROR in production', () => {
    const format = createErrorFormatter({ isProduction: true, logger });

    expect(format({ message: 'planner exploded' }, new Error('planner exploded'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('shows errors the client can act on, with only the public extensions', () => {
    const format = createErrorFormatter({ isProduction: true, logger });
    const invalid: GraphQLFormattedError = {
      message: 'input.emails[0]: is not an email address',
      path: ['createAccount'],
      extensions: {
        code: 'BAD_USER_INPUT',
        serviceName: 'accounts',
        fields: [{ field: 'input.emails[0]', message: 'is not an email address' }],
        response: { url: 'http://10.0.0.7:4001/graphql' },
      },
    };

    expect(format(invalid, new GraphQLError(invalid.message))).toEqual({
      message: invalid.message,
      path: ['createAccount'],
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'accounts', fields: invalid.extensions?.['fields'] },
    });
  });

  it('keeps the message of an unavailable subgraph, which names it', () => {
    const format = createErrorFormatter({ isProduction: true, logger });
    const down: GraphQLFormattedError = {
      message: 'accounts subgraph unavailable: ECONNREFUSED',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' },
    };

    expect(format(down, new GraphQLError(down.message))).toEqual(down);
  });

  it('leaves errors untouched outside production, for debugging', () => {
    const format = createErrorFormatter({ isProduction: false, logger });

    expect(format(internal, new GraphQLError(internal.message))).toBe(internal);
  });
});
