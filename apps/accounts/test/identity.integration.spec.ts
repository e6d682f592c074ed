import { SignJWT, jwtVerify } from 'jose';
import { signAccessToken } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import {
  TEST_JWT_SECRET,
  inviteMember,
  signUpTenant,
  testIdentitySettings,
  testServices,
  type SignedUpTenant,
} from './support/accounts-fixtures';

let db: AccountsTestDatabase;
let services: AccountsServices;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
});

afterAll(() => db.close());

async function claimsOf(token: string) {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(TEST_JWT_SECRET), {
    issuer: 'crm-platform',
    audience: 'crm-api',
  });
  return payload;
}

describe('signUp', () => {
  it('creates a tenant with the default settings and its ADMIN, and returns a token for them', async () => {
    const session = await services.users.signUp({
      tenantName: 'Kian Co',
      name: 'Dana',
      email: 'Dana@Kian.example',
      password: 'a long password',
    });
    expect(session.tenant).toMatchObject({
      name: 'Kian Co',
      defaultCurrency: 'IRR',
      locale: 'fa-IR',
      timeZone: 'Asia/Tehran',
      phoneRegion: 'IR',
    });
    expect(session.user).toMatchObject({
      tenantId: session.tenant.id,
      email: 'dana@kian.example',
      role: 'ADMIN',
      active: true,
    });
    expect(session.user.passwordHash).toMatch(/^scrypt\$/);
    expect(await claimsOf(session.token)).toMatchObject({
      sub: session.user.id,
      tid: session.tenant.id,
      roles: ['ADMIN'],
      email: 'dana@kian.example',
    });
  });

  it('takes the settings it is given, reading phones in the region of the locale', async () => {
    const session = await services.users.signUp({
      tenantName: 'Berlin GmbH',
      name: 'Lena',
      email: 'lena@berlin.example',
      password: 'a long password',
      defaultCurrency: 'eur',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
    expect(session.tenant).toMatchObject({
      defaultCurrency: 'EUR',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      phoneRegion: 'DE',
    });
  });

  it('refuses an email registered in any tenant, on the email argument, and writes nothing', async () => {
    const existing = await signUpTenant(services);
    const before = [await db.countRows('tenants'), await db.countRows('users')];
    const rejection = await rejectionOf(
      services.users.signUp({
        tenantName: 'Copycat',
        name: 'X',
        email: existing.email.toUpperCase(),
        password: 'a long password',
      }),
    );
    expect(rejection).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'email', message: 'is already registered' }],
    });
    expect([await db.countRows('tenants'), await db.countRows('users')]).toEqual(before);
  });

  it('refuses names with the NUL character on their argument, and writes nothing', async () => {
    const before = [await db.countRows('tenants'), await db.countRows('users')];
    const rejection = await rejectionOf(
      services.users.signUp({
        tenantName: 'Nul\u0000Co',
        name: 'N\u0000',
        email: 'nul@tenant.example',
        password: 'a long password',
      }),
    );
    expect(rejection).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'tenantName', message: expect.stringMatching(/NUL/) },
        { field: 'name', message: expect.stringMatching(/NUL/) },
      ],
    });
    expect([await db.countRows('tenants'), await db.countRows('users')]).toEqual(before);
  });

  it('is FORBIDDEN when switched off', async () => {
    const closed = testServices(db.database, testIdentitySettings({ isSignUpEnabled: false }));
    const rejection = await rejectionOf(
      closed.users.signUp({ tenantName: 'T', name: 'N', email: 'n@t.example', password: 'a long password' }),
    );
    expect(rejection.code).toBe('FORBIDDEN');
  });
});

describe('login', () => {
  it('finds the user across tenants by email and issues a token for their tenant and role', async () => {
    const tenant = await signUpTenant(services);
    const session = await services.users.login(` ${tenant.email.toUpperCase()} `, tenant.password);
    expect(session.tenant.id).toBe(tenant.tenantId);
    expect(await claimsOf(session.token)).toMatchObject({
      sub: tenant.admin.userId,
      tid: tenant.tenantId,
      roles: ['ADMIN'],
    });
  });

  it('gives one answer for a wrong password, an unknown email and a user without a password', async () => {
    const tenant = await signUpTenant(services);
    const invited = await services.users.inviteUser(tenant.admin, {
      email: 'new@tenant.example',
      name: 'New',
      role: 'SALES_REP',
    });
    const failures = await Promise.all([
      rejectionOf(services.users.login(tenant.email, 'not the password')),
      rejectionOf(services.users.login('nobody@nowhere.example', 'whatever password')),
      rejectionOf(services.users.login(invited.email, '')),
      rejectionOf(services.users.login('no\u0000body@nowhere.example', 'whatever password')),
    ]);
    for (const failure of failures)
      expect(failure).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'email or password is incorrect',
        fields: [],
      });
  });
});

describe('team', () => {
  it('invites members (without a password) and lists the team by name', async () => {
    const tenant = await signUpTenant(services);
    const analyst = await inviteMember(services, tenant.admin, 'ANALYST', 'Bahar');
    const users = await services.users.listUsers(tenant.tenantId);
    expect(users.map((user) => [user.name, user.role])).toEqual([
      ['Admin', 'ADMIN'],
      ['Bahar', 'ANALYST'],
    ]);
    expect(users.find((user) => user.id === analyst.userId)?.passwordHash).toBeNull();
  });

  it("resolves users by id within the caller's tenant only", async () => {
    const a = await signUpTenant(services);
    const b = await signUpTenant(services);
    expect(
      (await services.users.findByIds(a.tenantId, [a.admin.userId, b.admin.userId, 'junk'])).map(
        (user) => user?.id ?? null,
      ),
    ).toEqual([a.admin.userId, null, null]);
  });
});

describe('invitations', () => {
  const NEW_PASSWORD = 'my own long password';

  async function invitedMember(tenant: SignedUpTenant) {
    const member = await inviteMember(services, tenant.admin, 'SALES_REP', 'Sara');
    const [row] = await db.ownerQuery<{ email: string }>('SELECT "email" FROM "users" WHERE "id" = $1', [
      member.userId,
    ]);
    return { ...member, email: row?.email ?? '' };
  }

  /** What acceptance may change about the user's row. */
  async function userRow(userId: string) {
    const [row] = await db.ownerQuery<{ password_hash: string | null; version: number }>(
      'SELECT "password_hash", "version" FROM "users" WHERE "id" = $1',
      [userId],
    );
    return row;
  }

  it('lets an invited member set a password with the link of an ADMIN, and then log in with it', async () => {
    const tenant = await signUpTenant(services);
    const member = await invitedMember(tenant);
    expect(await userRow(member.userId)).toEqual({ password_hash: null, version: 1 });

    const invitation = await services.users.invitationLink(tenant.admin, member.userId);
    const { payload, protectedHeader } = await jwtVerify(
      invitation,
      new TextEncoder().encode(TEST_JWT_SECRET),
      { issuer: 'crm-platform', audience: 'crm-invitation' },
    );
    expect(payload).toMatchObject({ sub: member.userId, tid: tenant.tenantId });
    expect(payload.roles).toBeUndefined();
    expect(protectedHeader.typ).toBe('crm-invitation+jwt');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600); // testIdentitySettings' invitation TTL

    const session = await services.users.acceptInvitation(invitation, NEW_PASSWORD);
    expect(session.user).toMatchObject({ id: member.userId, role: 'SALES_REP', version: 2 });
    expect(session.tenant.id).toBe(tenant.tenantId);
    expect(await claimsOf(session.token)).toMatchObject({
      sub: member.userId,
      tid: tenant.tenantId,
      roles: ['SALES_REP'],
    });
    const row = await userRow(member.userId);
    expect(row?.version).toBe(2);
    expect(row?.password_hash).toMatch(/^scrypt\$/);

    const login = await services.users.login(member.email, NEW_PASSWORD);
    expect(login.user.id).toBe(member.userId);
  });

  it('accepts a token once: the second use is a CONFLICT and changes nothing', async () => {
    const tenant = await signUpTenant(services);
    const member = await invitedMember(tenant);
    const invitation = await services.users.invitationLink(tenant.admin, member.userId);
    await services.users.acceptInvitation(invitation, NEW_PASSWORD);
    const accepted = await userRow(member.userId);

    const again = await rejectionOf(services.users.acceptInvitation(invitation, 'a different password'));
    expect(again.code).toBe('CONFLICT');
    expect(await userRow(member.userId)).toEqual(accepted);
    expect((await rejectionOf(services.users.login(member.email, 'a different password'))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await services.users.login(member.email, NEW_PASSWORD)).user.id).toBe(member.userId);
  });

  it('lets only one of two concurrent acceptances of a token set the password', async () => {
    const tenant = await signUpTenant(services);
    const member = await invitedMember(tenant);
    const invitation = await services.users.invitationLink(tenant.admin, member.userId);
    const outcomes = await Promise.allSettled([
      services.users.acceptInvitation(invitation, 'first long password'),
      services.users.acceptInvitation(invitation, 'second long password'),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused?.reason as { code?: string }).code).toBe('CONFLICT');
    expect((await userRow(member.userId))?.version).toBe(2);
  });

  it('refuses an access token, an expired, a forged or a garbled token as UNAUTHENTICATED, and writes nothing', async () => {
    const tenant = await signUpTenant(services);
    const member = await invitedMember(tenant);
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    const invitationSigned = (key: Uint8Array, expiresAt: number) =>
      new SignJWT({ tid: tenant.tenantId })
        .setProtectedHeader({ alg: 'HS256', typ: 'crm-invitation+jwt' })
        .setSubject(member.userId)
        .setIssuer('crm-platform')
        .setAudience('crm-invitation')
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const candidates = {
      // The member's own access token (as if they had one), and the inviting ADMIN's.
      memberAccessToken: await signAccessToken(
        { ...member, email: member.email },
        { secret: TEST_JWT_SECRET, expiresInSeconds: 600 },
      ),
      adminAccessToken: tenant.token,
      expired: await invitationSigned(secret, now - 60),
      forged: await invitationSigned(
        new TextEncoder().encode('not-the-accounts-secret-not-the-secret'),
        now + 3600,
      ),
      garbled: 'not.a.token',
    };
    const before = await userRow(member.userId);
    for (const [kind, token] of Object.entries(candidates)) {
      const rejection = await rejectionOf(services.users.acceptInvitation(token, NEW_PASSWORD));
      expect({ kind, ...rejection }).toEqual({
        kind,
        code: 'UNAUTHENTICATED',
        message: 'the invitation is invalid or has expired; ask an administrator for a new one',
        fields: [],
      });
    }
    expect(await userRow(member.userId)).toEqual(before);
    expect((await rejectionOf(services.users.login(member.email, NEW_PASSWORD))).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a password against the sign-up rules on the password argument, and writes nothing', async () => {
    const tenant = await signUpTenant(services);
    const member = await invitedMember(tenant);
    const invitation = await services.users.invitationLink(tenant.admin, member.userId);
    const rejection = await rejectionOf(services.users.acceptInvitation(invitation, 'short'));
    expect(rejection).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'password', message: 'must be at least 10 characters' }],
    });
    expect(await userRow(member.userId)).toEqual({ password_hash: null, version: 1 });
    // The token is still good for a valid password.
    await expect(services.users.acceptInvitation(invitation, NEW_PASSWORD)).resolves.toBeDefined();
  });

  it("gives links only for users of the caller's tenant who have no password yet", async () => {
    const tenant = await signUpTenant(services);
    const other = await signUpTenant(services);
    const theirs = await invitedMember(other);
    const links = await Promise.all([
      rejectionOf(services.users.invitationLink(tenant.admin, tenant.admin.userId)),
      rejectionOf(services.users.invitationLink(tenant.admin, theirs.userId)),
      rejectionOf(services.users.invitationLink(tenant.admin, '0190a000-0000-7000-8000-000000000000')),
      rejectionOf(services.users.invitationLink(tenant.admin, 'junk')),
    ]);
    expect(links.map((link) => link.code)).toEqual(['CONFLICT', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  });
});
