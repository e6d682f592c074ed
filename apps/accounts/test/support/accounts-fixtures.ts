import { randomUUID } from 'node:crypto';
import type { Caller, Role } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { EventEnvelope } from '@crm/events';
import { createAccountsServices, type AccountsServices } from '../../src/services';
import type { IdentitySettings } from '../../src/user/user.service';
import type { AccountsTestDatabase } from './accounts-test-database';

export const TEST_JWT_SECRET = 'accounts-test-secret-accounts-test-secret';

export function testIdentitySettings(overrides: Partial<IdentitySettings> = {}): IdentitySettings {
  return {
    isSignUpEnabled: true,
    tenantDefaults: { defaultCurrency: 'IRR', locale: 'fa-IR', timeZone: 'Asia/Tehran', phoneRegion: 'IR' },
    accessToken: {
      secret: TEST_JWT_SECRET,
      issuer: 'crm-platform',
      audience: 'crm-api',
      expiresInSeconds: 600,
    },
    invitation: { expiresInSeconds: 3600 },
    ...overrides,
  };
}

export function testServices(
  database: TenantScopedDatabase,
  identity = testIdentitySettings(),
): AccountsServices {
  return createAccountsServices(database, identity);
}

export interface SignedUpTenant {
  tenantId: string;
  admin: Caller;
  email: string;
  password: string;
  token: string;
}

/** A new tenant with its ADMIN, through the real sign-up. Emails are unique per call. */
export async function signUpTenant(
  services: AccountsServices,
  tenantName = 'Test Tenant',
): Promise<SignedUpTenant> {
  const email = `admin-${randomUUID()}@tenant.example`;
  const password = 'a long test password';
  const session = await services.users.signUp({ tenantName, name: 'Admin', email, password });
  return {
    tenantId: session.tenant.id,
    admin: { tenantId: session.tenant.id, userId: session.user.id, roles: ['ADMIN'] },
    email,
    password,
    token: session.token,
  };
}

/** A team member of the tenant with the given role, as a caller. */
export async function inviteMember(
  services: AccountsServices,
  admin: Caller,
  role: Role,
  name: string = role,
): Promise<Caller> {
  const user = await services.users.inviteUser(admin, {
    email: `${role.toLowerCase()}-${randomUUID()}@tenant.example`,
    name,
    role,
  });
  return { tenantId: admin.tenantId, userId: user.id, roles: [role] };
}

export interface OutboxRow {
  topic: string;
  message_key: string;
  envelope: EventEnvelope<Record<string, unknown>>;
}

/** The outbox rows about one aggregate, oldest first. */
export function outboxRowsAbout(db: AccountsTestDatabase, aggregateId: string): Promise<OutboxRow[]> {
  return db.ownerQuery<OutboxRow>(
    `SELECT "topic", "message_key", "envelope" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position"`,
    [aggregateId],
  );
}
