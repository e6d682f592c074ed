import { Writable } from 'node:stream';
import { GraphQLError, locatedError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { createErrorFormatter } from './error-formatting';
import { InvalidInputError, NotFoundError } from './errors';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ base: null }, stream), lines };
}

/** What Apollo hands formatError for an error thrown in a resolver: a located GraphQLError. */
function fromResolver(
  error: unknown,
  path = ['accounts'],
): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const located = locatedError(error, undefined, path);
  const formatted = {
    ...located.toJSON(),
    extensions: { ...located.extensions, code: located.extensions.code ?? 'INTERNAL_SERVER_ERROR' },
  };
  return { formatted, error: located };
}

describe('createErrorFormatter', () => {
  it('passes a domain error through with its code, message and per-field details, and does not log it', () => {
    const { logger, lines } = memoryLogger();
    const { formatted, error } = fromResolver(
      new InvalidInputError([{ field: 'input.email', message: 'is not an email address' }]),
      ['createAccount'],
    );
    expect(createErrorFormatter(logger)(formatted, error)).toEqual({
      message: 'input.email: is not an email address',
      path: ['createAccount'],
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.email', message: 'is not an email address' }],
      },
    });
    expect(lines).toEqual([]);
  });

  it('leaves out fields when a domain error has none', () => {
    const { logger } = memoryLogger();
    const { formatted, error } = fromResolver(new NotFoundError('Account', 'a1'), ['account']);
    expect(createErrorFormatter(logger)(formatted, error).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('masks an unexpected error: no message, stack or SQL reaches the client', () => {
    const { logger } = memoryLogger();
    const failure = new Error(
      'duplicate key value violates unique constraint "account_pkey" in INSERT INTO account',
    );
    const { formatted, error } = fromResolver(failure);
    const result = createErrorFormatter(logger)(formatted, error);
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['accounts'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toMatch(/INSERT|account_pkey|at /);
  });

  it('logs the unexpected error in full, with its request id, and hands the client the id to quote', () => {
    const { logger, lines } = memoryLogger();
    const failure = new Error('connection terminated unexpectedly');
    const { formatted, error } = fromResolver(failure);
    const result = createErrorFormatter(logger, (candidate) => (candidate === error ? 'req-42' : undefined))(
      formatted,
      error,
    );
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'internal error',
      requestId: 'req-42',
      path: ['accounts'],
      err: {
        message: 'connection terminated unexpectedly',
        stack: expect.stringContaining('Error: connection terminated'),
      },
    });
  });

  it('masks a GraphQLError whose code is not meant for clients', () => {
    const { logger, lines } = memoryLogger();
    const { formatted, error } = fromResolver(
      new GraphQLError('upstream said no', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }),
    );
    expect(createErrorFormatter(logger)(formatted, error)).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(lines).toHaveLength(1);
  });

  it.each(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED', 'BAD_USER_INPUT'])(
    "passes Apollo's own %s client error through unchanged, without logging",
    (code) => {
      const { logger, lines } = memoryLogger();
      const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code } });
      const formatted = { message: error.message, extensions: { code } };
      expect(createErrorFormatter(logger)(formatted, error)).toBe(formatted);
      expect(lines).toEqual([]);
    },
  );
});
