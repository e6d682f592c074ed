import { SignJWT } from 'jose';
import { signAccessToken } from '@crm/subgraph';
import { signInvitationToken, verifyInvitationToken } from './invitation-token';

const settings = { secret: 'x'.repeat(32), issuer: 'crm-platform', expiresInSeconds: 3600 };
const invitation = {
  tenantId: '0190a000-0000-7000-8000-000000000001',
  userId: '0190a000-0000-7000-8000-000000000002',
};

describe('invitation tokens', () => {
  it('verify as the invitation they were signed for', async () => {
    const token = await signInvitationToken(invitation, settings);
    await expect(verifyInvitationToken(token, settings)).resolves.toEqual(invitation);
  });

  it('do not verify with another secret or issuer', async () => {
    const token = await signInvitationToken(invitation, settings);
    await expect(verifyInvitationToken(token, { ...settings, secret: 'y'.repeat(32) })).resolves.toBeNull();
    await expect(verifyInvitationToken(token, { ...settings, issuer: 'elsewhere' })).resolves.toBeNull();
  });

  it('are not access tokens, even with the invitation audience', async () => {
    const caller = { ...invitation, roles: ['ADMIN' as const], email: 'a@b.example' };
    for (const audience of ['crm-api', 'crm-invitation']) {
      const accessToken = await signAccessToken(caller, { secret: settings.secret, audience });
      await expect(verifyInvitationToken(accessToken, settings)).resolves.toBeNull();
    }
  });

  it('refuse an expired token, one without an expiry, and malformed ids', async () => {
    const key = new TextEncoder().encode(settings.secret);
    const signed = (claims: Record<string, unknown>, subject: string, expiresAt?: number) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'crm-invitation+jwt' })
        .setSubject(subject)
        .setIssuer(settings.issuer)
        .setAudience('crm-invitation');
      return (expiresAt === undefined ? jwt : jwt.setExpirationTime(expiresAt)).sign(key);
    };
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      await signed({ tid: invitation.tenantId }, invitation.userId, now - 1),
      await signed({ tid: invitation.tenantId }, invitation.userId),
      await signed({ tid: 'junk' }, invitation.userId, now + 60),
      await signed({ tid: invitation.tenantId }, 'junk', now + 60),
      'not.a.token',
    ];
    for (const token of tokens) await expect(verifyInvitationToken(token, settings)).resolves.toBeNull();
    // The same shape with a valid expiry does verify: the refusals above are for the stated reasons.
    await expect(
      verifyInvitationToken(
        await signed({ tid: invitation.tenantId }, invitation.userId, now + 60),
        settings,
      ),
    ).resolves.toEqual(invitation);
  });
});
