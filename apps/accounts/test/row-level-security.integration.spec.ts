import { itKeepsTenantRowsApart } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import { signUpTenant, testServices, type SignedUpTenant } from './support/accounts-fixtures';

/**
 * Tenant isolation must hold even where a query forgets its tenant filter: these queries have none,
 * and run as the application role, like the service.
 */
let db: AccountsTestDatabase;
let services: AccountsServices;
let tenantA: SignedUpTenant;
let tenantB: SignedUpTenant;
const TABLES = ['tenants', 'users', 'accounts', 'contacts', 'outbox', 'inbox'];

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  [tenantA, tenantB] = [await signUpTenant(services, 'A'), await signUpTenant(services, 'B')];
  for (const tenant of [tenantA, tenantB]) {
    const account = await services.accounts.createAccount(tenant.admin, {
      kind: 'COMPANY',
      legalName: `Company of ${tenant.tenantId}`,
    });
    await services.contacts.createContact(tenant.admin, {
      accountId: account.id,
      firstName: 'C',
      lastName: 'D',
    });
  }
  await db.ownerQuery(
    `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type") VALUES ($1, 'g', gen_random_uuid(), 't'), ($2, 'g', gen_random_uuid(), 't')`,
    [tenantA.tenantId, tenantB.tenantId],
  );
});

afterAll(() => db.close());

describe('row-level security', () => {
  itKeepsTenantRowsApart(TABLES, () => ({ db, observerTenantId: tenantB.tenantId }));

  it("refuses to write a row into another tenant's scope", async () => {
    const attempt = db.database.inTenant(tenantB.tenantId, (manager) =>
      manager.query(`UPDATE "accounts" SET "tier" = 'HACKED' WHERE "tenant_id" = $1 RETURNING "id"`, [
        tenantA.tenantId,
      ]),
    );
    expect(await attempt).toEqual([[], 0]); // A's rows are invisible to B, so there is nothing to update
    const insert = db.database.inTenant(tenantB.tenantId, (manager) =>
      manager.query(
        `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type") VALUES ($1, 'g', gen_random_uuid(), 't')`,
        [tenantA.tenantId],
      ),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it("resolves another tenant's ids to nothing through the services", async () => {
    const [accountOfA] = await db.ownerQuery<{ id: string }>(
      `SELECT "id" FROM "accounts" WHERE "tenant_id" = $1`,
      [tenantA.tenantId],
    );
    expect(await services.accounts.findByIds(tenantB.tenantId, [accountOfA?.id as string])).toEqual([null]);
    expect(await services.tenants.findByIds(tenantB.tenantId, [tenantA.tenantId])).toEqual([null]);
  });
});
