import { headersForSubgraphs } from './forwarded-headers';

describe('headersForSubgraphs', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('forwards the verified bearer token, the request id and traceparent, and nothing else', () => {
    const forwarded = headersForSubgraphs(
      {
        authorization: 'Bearer abc.def.ghi',
        'x-request-id': 'req-42',
        traceparent,
        cookie: 'session=1',
        'x-internal-tenant-id': 'another-tenant',
        'x-forwarded-for': '10.0.0.1',
        'apollo-federation-include-trace': 'ftv1',
      },
      'abc.def.ghi',
    );

    expect(forwarded).toEqual({ authorization: 'Bearer abc.def.ghi', 'x-request-id': 'req-42', traceparent });
  });

  it('forwards no Authorization unless the gateway verified a bearer token', () => {
    const forwarded = headersForSubgraphs({ authorization: 'Basic dXNlcjpwYXNz' }, undefined);

    expect(forwarded).not.toHaveProperty('authorization');
  });

  it('generates a request id when the client sent none or an unusable one', () => {
    for (const clientValue of [undefined, 'has spaces and ; semicolons', 'x'.repeat(200)]) {
      const forwarded = headersForSubgraphs({ 'x-request-id': clientValue }, undefined);
      expect(forwarded['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
  });

  it('drops a traceparent that is not W3C trace context', () => {
    const forwarded = headersForSubgraphs({ traceparent: 'not-a-trace; x-internal=1' }, undefined);

    expect(forwarded).not.toHaveProperty('traceparent');
  });
});
