import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Caller } from './roles';

export interface TokenSettings {
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`invalid access token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

const DEFAULT_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

export interface SignOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
}

/** Issues the platform's own HS256 access token (the built-in identity provider). */
export async function signAccessToken(
  caller: Caller & { email: string },
  options: SignOptions,
): Promise<string> {
  return new SignJWT({ tid: caller.tenantId, roles: caller.roles, email: caller.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.userId)
    .setIssuer(options.issuer ?? 'crm-platform')
    .setAudience(options.audience ?? 'crm-api')
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS}s`)
    .sign(new TextEncoder().encode(options.secret));
}

function callerFromClaims(payload: JWTPayload): Caller {
  const roles = payload['roles'];
  if (typeof payload.sub !== 'string' || typeof payload['tid'] !== 'string') {
    throw new InvalidTokenError('missing subject or tenant');
  }
  if (!Array.isArray(roles) || !roles.every(isRole)) throw new InvalidTokenError('malformed roles');
  return { userId: payload.sub, tenantId: payload['tid'], roles };
}

export type AccessTokenVerifier = (token: string) => Promise<Caller>;

/**
 * Verifies tokens with the shared secret, or with an external identity provider's JWKS when
 * JWT_JWKS_URL is set (production may put its own IdP in front of the platform).
 */
export function createAccessTokenVerifier(settings: TokenSettings): AccessTokenVerifier {
  const options = { issuer: settings.JWT_ISSUER, audience: settings.JWT_AUDIENCE };
  if (settings.JWT_JWKS_URL) {
    const keySet = createRemoteJWKSet(new URL(settings.JWT_JWKS_URL));
    return async (token) =>
      callerFromClaims((await verifyOrExplain(() => jwtVerify(token, keySet, options))).payload);
  }
  if (!settings.JWT_SECRET) throw new Error('JWT_SECRET or JWT_JWKS_URL is required');
  const secret = new TextEncoder().encode(settings.JWT_SECRET);
  return async (token) =>
    callerFromClaims(
      (await verifyOrExplain(() => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }))).payload,
    );
}

async function verifyOrExplain<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'unverifiable');
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * The caller behind a request's Authorization header: null when there is none (public operations
 * decide for themselves); InvalidTokenError for a header that is not `Bearer <token>` or a token
 * that does not verify, so a client's mistake is never mistaken for an anonymous call.
 */
export async function callerOf(
  authorization: string | undefined,
  verify: AccessTokenVerifier,
): Promise<Caller | null> {
  if (authorization === undefined) return null;
  const token = bearerToken(authorization);
  if (!token) throw new InvalidTokenError('the Authorization header must be "Bearer <token>"');
  return verify(token);
}
