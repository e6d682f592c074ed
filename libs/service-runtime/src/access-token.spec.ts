import { SignJWT, UnsecuredJWT } from 'jose';
import {
  InvalidTokenError,
  bearerToken,
  callerOf,
  createAccessTokenVerifier,
  signAccessToken,
} from './access-token';
import type { Caller } from './roles';

const SECRET = 'a-test-secret-that-is-32-chars-long!';
const settings = { JWT_SECRET: SECRET, JWT_ISSUER: 'crm-platform', JWT_AUDIENCE: 'crm-api' };
const caller: Caller = {
  tenantId: '0190f7c2-0000-7000-8000-000000000001',
  userId: '0190f7c2-0000-7000-8000-000000000002',
  roles: ['SALES_REP', 'MARKETER'],
};

/** A token signed with the platform secret but with claims of our choosing. */
function signClaims(
  claims: Record<string, unknown>,
  build: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('crm-platform')
    .setAudience('crm-api')
    .setIssuedAt()
    .setExpirationTime('1h');
  return build(jwt).sign(new TextEncoder().encode(SECRET));
}

describe('access tokens', () => {
  const verify = createAccessTokenVerifier(settings);

  it('verifies a token it signed and gives back the caller', async () => {
    const token = await signAccessToken({ ...caller, email: 'rep@acme.test' }, { secret: SECRET });
    await expect(verify(token)).resolves.toEqual(caller);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signClaims({ tid: caller.tenantId, roles: caller.roles }, (jwt) =>
      jwt
        .setSubject(caller.userId)
        .setIssuedAt(now - 7200)
        .setExpirationTime(now - 3600),
    );
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(verify(token)).rejects.toThrow(/"exp" claim/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signAccessToken(
      { ...caller, email: 'rep@acme.test' },
      { secret: 'some-other-secret-of-32-characters!!' },
    );
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token issued for another audience', async () => {
    const token = await signAccessToken(
      { ...caller, email: 'rep@acme.test' },
      { secret: SECRET, audience: 'billing-api' },
    );
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token from another issuer', async () => {
    const token = await signAccessToken(
      { ...caller, email: 'rep@acme.test' },
      { secret: SECRET, issuer: 'someone-else' },
    );
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token whose roles were edited after signing', async () => {
    const token = await signAccessToken({ ...caller, email: 'rep@acme.test' }, { secret: SECRET });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url');
    await expect(verify(`${header}.${elevated}.${signature}`)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const token = new UnsecuredJWT({ tid: caller.tenantId, roles: ['ADMIN'] })
      .setSubject(caller.userId)
      .setIssuer('crm-platform')
      .setAudience('crm-api')
      .setExpirationTime('1h')
      .encode();
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a correctly signed token holding a role the platform does not have', async () => {
    const token = await signClaims({ tid: caller.tenantId, roles: ['ADMIN', 'ROOT'] }, (jwt) =>
      jwt.setSubject(caller.userId),
    );
    await expect(verify(token)).rejects.toThrow('invalid access token: malformed roles');
  });

  it('refuses a correctly signed token without a tenant', async () => {
    const token = await signClaims({ roles: ['ADMIN'] }, (jwt) => jwt.setSubject(caller.userId));
    await expect(verify(token)).rejects.toThrow('invalid access token: missing subject or tenant');
  });

  it('refuses something that is not a JWT at all', async () => {
    await expect(verify('not.a.token')).rejects.toThrow(InvalidTokenError);
  });

  it('cannot be created without a secret or a JWKS URL', () => {
    expect(() => createAccessTokenVerifier({ JWT_ISSUER: 'crm-platform', JWT_AUDIENCE: 'crm-api' })).toThrow(
      'JWT_SECRET or JWT_JWKS_URL is required',
    );
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi', 'abc.def.ghi'],
  ])('takes the token from %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    [undefined],
    [''],
    ['Bearer'],
    ['Bearer '],
    ['Basic dXNlcjpwYXNz'],
    ['Bearer two tokens'],
    ['abc.def.ghi'],
  ])('finds no token in %j', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe('callerOf', () => {
  const settings = {
    JWT_SECRET: 'a-test-secret-that-is-long-enough-0123',
    JWT_ISSUER: 'crm-platform',
    JWT_AUDIENCE: 'crm-api',
  };
  const verify = createAccessTokenVerifier(settings);
  const caller = {
    tenantId: '0190f7c2-0000-7000-8000-000000000001',
    userId: '0190f7c2-0000-7000-8000-000000000002',
    roles: ['SALES_REP' as const],
  };

  it('is null without an Authorization header', async () => {
    await expect(callerOf(undefined, verify)).resolves.toBeNull();
  });

  it('is the verified caller for a valid bearer token', async () => {
    const token = await signAccessToken(
      { ...caller, email: 'rep@example.com' },
      { secret: settings.JWT_SECRET },
    );
    await expect(callerOf(`Bearer ${token}`, verify)).resolves.toEqual(caller);
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', ''])(
    'refuses the malformed header %p instead of treating it as anonymous',
    async (header) => {
      await expect(callerOf(header, verify)).rejects.toThrow(InvalidTokenError);
    },
  );

  it('refuses a token that does not verify', async () => {
    await expect(callerOf('Bearer not.a.token', verify)).rejects.toThrow(InvalidTokenError);
  });
});
