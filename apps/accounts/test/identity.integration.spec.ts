import { jwtVerify } from 'jose';
import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import {
  TEST_JWT_SECRET,
  inviteMember,
  signUpTenant,
  testIdentitySettings,
  testServices,
} from './support/accounts-fixtures';
import { rejectionOf } from './support/expect-domain-error';

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
