import { dataOf, postGraphQL } from './graphql-client';

describe('dataOf', () => {
  it('returns the data of a successful result', () => {
    expect(dataOf({ status: 200, data: { me: { id: 'u1' } } }, 'me')).toEqual({ me: { id: 'u1' } });
  });

  it('fails with the operation, the HTTP status and the errors when the result has errors', () => {
    const errors = [
      { message: 'Not authorised', path: ['createAccount'], extensions: { code: 'FORBIDDEN' } },
    ];

    expect(() => dataOf({ status: 200, data: { createAccount: null }, errors }, 'createAccount')).toThrow(
      new Error(`createAccount failed (HTTP 200): ${JSON.stringify(errors)}`),
    );
  });

  it('fails when there is no data even without errors, e.g. a 401 with an empty body', () => {
    expect(() => dataOf({ status: 401, data: null }, 'signUp')).toThrow(
      new Error('signUp failed (HTTP 401): undefined'),
    );
    expect(() => dataOf({ status: 400, errors: [] }, 'accounts')).toThrow('accounts failed (HTTP 400): []');
  });
});

describe('postGraphQL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('POSTs the query and variables as JSON with the bearer token, and returns the status with the body', async () => {
    const fetchSpy = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ data: { ok: true } }), { status: 200 }));

    const result = await postGraphQL('http://127.0.0.1:1/graphql', 'query { ok }', {
      token: 'secret',
      variables: { first: 10 },
      headers: { 'x-request-id': 'r1' },
    });

    expect(result).toEqual({ status: 200, data: { ok: true } });
    const [url, init] = fetchSpy.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:1/graphql');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret', 'x-request-id': 'r1' },
    });
    expect(JSON.parse(String(init?.body))).toEqual({ query: 'query { ok }', variables: { first: 10 } });
  });

  it('sends no authorization header without a token, and keeps a refusal status', async () => {
    const fetchSpy = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(
        new Response(JSON.stringify({ errors: [{ message: 'Unauthenticated' }] }), { status: 401 }),
      );

    const result = await postGraphQL('http://127.0.0.1:1/graphql', 'query { me { id } }');

    expect(result).toEqual({ status: 401, errors: [{ message: 'Unauthenticated' }] });
    expect(fetchSpy.mock.calls[0][1]?.headers).not.toHaveProperty('authorization');
  });
});
