import { SignJWT, jwtVerify } from 'jose';
import { isUuid } from '@crm/subgraph';

/**
 * The audience of an invitation token. Access tokens carry JWT_AUDIENCE (`crm-api`) instead, so
 * neither verifies as the other: an invitation never opens the API, an access token never sets a
 * password. (An invitation carries no roles either, which the access-token verifier requires.)
 */
export const INVITATION_AUDIENCE = 'crm-invitation';
/** Also in the header, so an access token is never taken for an invitation whatever JWT_AUDIENCE says. */
export const INVITATION_TOKEN_TYPE = 'crm-invitation+jwt';

export interface InvitationTokenSettings {
  secret: string;
  issuer: string;
  expiresInSeconds: number;
}

/** Whom an invitation token lets set a password. */
export interface Invitation {
  tenantId: string;
  userId: string;
}

/** An HS256 JWT: subject = the invited user, `tid` = their tenant. */
export function signInvitationToken(
  invitation: Invitation,
  settings: InvitationTokenSettings,
): Promise<string> {
  return new SignJWT({ tid: invitation.tenantId })
    .setProtectedHeader({ alg: 'HS256', typ: INVITATION_TOKEN_TYPE })
    .setSubject(invitation.userId)
    .setIssuer(settings.issuer)
    .setAudience(INVITATION_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${settings.expiresInSeconds}s`)
    .sign(new TextEncoder().encode(settings.secret));
}

/** The invitation behind a token; null for a forged, expired, malformed or non-invitation token. */
export async function verifyInvitationToken(
  token: string,
  settings: Pick<InvitationTokenSettings, 'secret' | 'issuer'>,
): Promise<Invitation | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      issuer: settings.issuer,
      audience: INVITATION_AUDIENCE,
      algorithms: ['HS256'],
      typ: INVITATION_TOKEN_TYPE,
      requiredClaims: ['exp', 'sub'],
    });
    const tenantId = payload['tid'];
    const userId = payload.sub;
    if (typeof tenantId !== 'string' || typeof userId !== 'string') return null;
    if (!isUuid(tenantId) || !isUuid(userId)) return null;
    return { tenantId, userId };
  } catch {
    return null;
  }
}
