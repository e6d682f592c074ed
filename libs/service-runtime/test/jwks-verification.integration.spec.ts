import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { InvalidTokenError, createAccessTokenVerifier, signAccessToken } from '../src';

/** An external identity provider: its key set served over real HTTP, as JWT_JWKS_URL points at. */
describe('access tokens verified against a JWKS endpoint', () => {
  let server: http.Server;
  let jwksUrl: string;
  let signingKey: KeyLike;
  let jwksRequests = 0;

  const claims = { tid: '0190f7c2-0000-7000-8000-000000000001', roles: ['ANALYST'] };
  const userId = '0190f7c2-0000-7000-8000-000000000002';

  function idpToken(key: KeyLike, kid: string, audience = 'crm-api'): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(userId)
      .setIssuer('https://idp.example.test')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const verifier = () =>
    createAccessTokenVerifier({
      JWT_JWKS_URL: jwksUrl,
      JWT_ISSUER: 'https://idp.example.test',
      JWT_AUDIENCE: 'crm-api',
    });

  it("verifies the identity provider's token with the fetched key and gives back the caller", async () => {
    const before = jwksRequests;
    await expect(verifier()(await idpToken(signingKey, 'idp-key-1'))).resolves.toEqual({
      userId,
      tenantId: claims.tid,
      roles: ['ANALYST'],
    });
    expect(jwksRequests).toBeGreaterThan(before);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const impostor = await generateKeyPair('RS256');
    await expect(verifier()(await idpToken(impostor.privateKey, 'idp-key-1'))).rejects.toThrow(
      InvalidTokenError,
    );
    await expect(verifier()(await idpToken(impostor.privateKey, 'unknown-key'))).rejects.toThrow(
      InvalidTokenError,
    );
  });

  it("refuses the platform's own HS256 token when an external provider is configured", async () => {
    const token = await signAccessToken(
      { userId, tenantId: claims.tid, roles: ['ADMIN'], email: 'a@b.test' },
      { secret: 'a-test-secret-that-is-32-chars-long!', issuer: 'https://idp.example.test' },
    );
    await expect(verifier()(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a provider token issued for another audience', async () => {
    await expect(verifier()(await idpToken(signingKey, 'idp-key-1', 'billing-api'))).rejects.toThrow(
      InvalidTokenError,
    );
  });
});
