import { SqlStatementCounter, type QueryErrorSink } from './sql-statement-counter';

function recordingSink() {
  return { error: jest.fn(), warn: jest.fn() } satisfies QueryErrorSink;
}

describe('SqlStatementCounter', () => {
  it('counts every statement it is told about', () => {
    const counter = new SqlStatementCounter();
    expect(counter.statements).toBe(0);
    counter.logQuery();
    counter.logQuery();
    expect(counter.statements).toBe(2);
  });

  it('reports a failed statement with its SQL but never its parameters', () => {
    const sink = recordingSink();
    const counter = new SqlStatementCounter(sink);
    const error = new Error('duplicate key');
    // TypeORM passes the parameters along; they may hold personal data.
    (counter.logQueryError as (...args: unknown[]) => void)(error, 'INSERT INTO contact VALUES ($1)', [
      'jane@example.test',
    ]);
    expect(sink.error).toHaveBeenCalledWith(
      { err: error, query: 'INSERT INTO contact VALUES ($1)' },
      'SQL statement failed',
    );
    expect(JSON.stringify(sink.error.mock.calls)).not.toContain('jane@example.test');
  });

  it('reports a slow statement with its duration', () => {
    const sink = recordingSink();
    new SqlStatementCounter(sink).logQuerySlow(812, 'SELECT pg_sleep(1)');
    expect(sink.warn).toHaveBeenCalledWith(
      { durationMs: 812, query: 'SELECT pg_sleep(1)' },
      'slow SQL statement',
    );
  });

  it('works without a sink', () => {
    const counter = new SqlStatementCounter();
    expect(() => counter.logQueryError('boom', 'SELECT 1')).not.toThrow();
    expect(() => counter.logQuerySlow(1, 'SELECT 1')).not.toThrow();
  });
});
