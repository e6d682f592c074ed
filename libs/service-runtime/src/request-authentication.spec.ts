import { GraphQLError } from 'graphql';
import { createAccessTokenVerifier, signAccessToken } from './access-token';
import { authenticateRequest } from './request-authentication';

const settings = {
  JWT_SECRET: 'a-test-secret-that-is-long-enough-0123',
  JWT_ISSUER: 'crm-platform',
  JWT_AUDIENCE: 'crm-api',
};
const verify = createAccessTokenVerifier(settings);

describe('authenticateRequest', () => {
  it('lets a request without an Authorization header through as anonymous', async () => {
    await expect(authenticateRequest(undefined, verify)).resolves.toBeNull();
  });

  it('gives the verified caller of a valid bearer token', async () => {
    const caller = {
      tenantId: '0190f7c2-0000-7000-8000-000000000001',
      userId: '0190f7c2-0000-7000-8000-000000000002',
      roles: ['MANAGER' as const],
    };
    const token = await signAccessToken(
      { ...caller, email: 'm@example.com' },
      { secret: settings.JWT_SECRET },
    );
    await expect(authenticateRequest(`Bearer ${token}`, verify)).resolves.toEqual(caller);
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer not.a.token'])(
    'answers %p with UNAUTHENTICATED and HTTP 401',
    async (header) => {
      const refusal = await authenticateRequest(header, verify).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(GraphQLError);
      expect((refusal as GraphQLError).extensions).toEqual({
        code: 'UNAUTHENTICATED',
        http: { status: 401 },
      });
    },
  );
});
