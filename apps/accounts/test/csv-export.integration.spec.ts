import { parse } from 'csv-parse/sync';
import { generateAccountsCsv, uploadAccountsCsv } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { inviteMember, signUpTenant, testServices, type SignedUpTenant } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let origin: string;
let tenantA: SignedUpTenant;
let tenantB: SignedUpTenant;

const PERSIAN_ROWS =
  'externalId,kind,legalName,firstName,lastName,emails,phones,tags,addressLine1,addressCity,addressCountry,contactFirstName,contactLastName,contactEmails\n' +
  'fa-1,COMPANY,"شرکت پخش البرز، سهامی خاص",,,sales@alborz.example,02144556677,"عمده; تهران",خیابان آزادی ۱۲,تهران,IR,مریم,کاظمی,maryam@alborz.example\n' +
  'fa-2,PERSON,,علی,"رضایی ""کوچک""",ali@example.com,09351234567,,,,,,,\n';

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  server = await startAccountsTestServer(db);
  origin = new URL(server.subgraph.url).origin;
  tenantA = await signUpTenant(services, 'Exporter');
  tenantB = await signUpTenant(services, 'Round Trip');
  // More than one page of the export (1000 rows).
  await uploadAccountsCsv({ origin, token: tenantA.token, body: generateAccountsCsv({ rows: 2500 }).csv });
  await uploadAccountsCsv({ origin, token: tenantA.token, body: PERSIAN_ROWS });
}, 120_000);

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

async function download(
  path: string,
  token: string,
): Promise<{ status: number; type: string | null; bytes: Buffer; text: string }> {
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes,
    text: bytes.toString('utf8'),
  };
}

function recordsOf(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[];
}

/** What survives a round trip into another tenant: everything but identity and bookkeeping. */
function portable(record: Record<string, string>): Record<string, string> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

const byExternalId = (a: Record<string, string>, b: Record<string, string>) =>
  String(a.externalId).localeCompare(String(b.externalId));

describe('GET /exports/accounts.csv', () => {
  it("streams every account of the caller's tenant, and only those, as UTF-8 CSV with a BOM", async () => {
    const { status, type, bytes, text } = await download('/exports/accounts.csv', tenantA.token);

    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = recordsOf(text);
    const stored = await db.ownerQuery<{ id: string }>(`SELECT "id" FROM "accounts" WHERE "tenant_id" = $1`, [
      tenantA.tenantId,
    ]);
    expect(records.map((record) => record.id).sort()).toEqual(stored.map((row) => row.id).sort());
    expect(records.find((record) => record.externalId === 'fa-1')).toMatchObject({
      kind: 'COMPANY',
      legalName: 'شرکت پخش البرز، سهامی خاص',
      emails: 'sales@alborz.example',
      phones: '+982144556677',
      tags: 'عمده; تهران',
      addressLine1: 'خیابان آزادی ۱۲',
      addressCity: 'تهران',
      addressCountry: 'IR',
      archived: 'false',
    });
    expect(records.find((record) => record.externalId === 'fa-2')).toMatchObject({
      kind: 'PERSON',
      displayName: 'علی رضایی "کوچک"',
    });
  });

  it('imports back into another tenant with the default mapping, giving the same export', async () => {
    const exported = (await download('/exports/accounts.csv', tenantA.token)).text;

    const result = await uploadAccountsCsv({ origin, token: tenantB.token, body: exported });
    const reExported = (await download('/exports/accounts.csv', tenantB.token)).text;

    expect(result.lines.at(-1)).toMatchObject({ event: 'completed', job: { created: 2502, failed: 0 } });
    expect(recordsOf(reExported).map(portable).sort(byExternalId)).toEqual(
      recordsOf(exported).map(portable).sort(byExternalId),
    );
  });

  it('lets ANALYST and MANAGER export, but not SALES_REP or MARKETER', async () => {
    const tokens = await Promise.all(
      (['ANALYST', 'MANAGER', 'SALES_REP', 'MARKETER'] as const).map(async (role) =>
        server.tokenFor(await inviteMember(services, tenantA.admin, role)),
      ),
    );

    const statuses = await Promise.all(
      tokens.map(async (token) => (await download('/exports/accounts.csv', token)).status),
    );

    expect(statuses).toEqual([200, 200, 403, 403]);
    expect((await download('/exports/contacts.csv', '')).status).toBe(401);
  });
});

describe('GET /exports/contacts.csv', () => {
  it("streams the tenant's contacts with their account's external id and name", async () => {
    const { status, text } = await download('/exports/contacts.csv', tenantA.token);

    expect(status).toBe(200);
    expect(recordsOf(text)).toEqual([
      expect.objectContaining({
        externalId: 'fa-1',
        displayName: 'شرکت پخش البرز، سهامی خاص',
        contactFirstName: 'مریم',
        contactLastName: 'کاظمی',
        contactEmails: 'maryam@alborz.example',
        isPrimary: 'false',
      }),
    ]);
  });
});
