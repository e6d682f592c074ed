import { describeFetchFailure, subgraphRefusalError, subgraphUnavailableError } from './subgraph-errors';

describe('subgraph errors', () => {
  it('names the service in the message and in extensions when a subgraph is unavailable', () => {
    const error = subgraphUnavailableError('accounts', 'ECONNREFUSED');

    expect(error.message).toBe('accounts subgraph unavailable: ECONNREFUSED');
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' });
  });

  it('describes a refused connection by its code, without the internal address', () => {
    const refused = Object.assign(new Error('request to http://10.1.2.3:4001/graphql failed'), {
      code: 'ECONNREFUSED',
    });

    expect(describeFetchFailure(refused, 10000)).toBe('ECONNREFUSED');
  });

  it('describes a fetch aborted by the deadline as a timeout', () => {
    const timedOut = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

    expect(describeFetchFailure(timedOut, 10000)).toBe('no answer within 10000 ms');
  });

  it('keeps a subgraph’s own refusal (message and code) and adds the service name', () => {
    const body = {
      errors: [{ message: 'a valid access token is required', extensions: { code: 'UNAUTHENTICATED' } }],
    };

    const error = subgraphRefusalError('accounts', body);

    expect(error?.message).toBe('a valid access token is required');
    expect(error?.extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'accounts' });
  });

  it('does not mistake a non-GraphQL body (a proxy’s HTML page) for a refusal', () => {
    expect(subgraphRefusalError('accounts', '<html>502 Bad Gateway</html>')).toBeUndefined();
    expect(subgraphRefusalError('accounts', { errors: [] })).toBeUndefined();
  });
});
