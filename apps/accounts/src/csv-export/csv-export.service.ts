import type { EntityManager } from 'typeorm';
import { hydrateEntities, type TenantScopedDatabase } from '@crm/database';
import { AccountEntity } from '../account/account.entity';
import { ContactEntity } from '../contact/contact.entity';
import { ACCOUNT_IMPORT_FIELDS, ADDRESS_IMPORT_FIELDS, CONTACT_IMPORT_FIELDS } from '../import/import-fields';

/** One CSV record: header → cell. */
export type CsvRecord = Record<string, string | number | boolean | null>;

const LIST_JOINER = '; ';
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Headers of accounts.csv: the import's field names (so an export imports back with the default
 * mapping) plus the account's id, archived flag and timestamps, which an import ignores.
 */
export const ACCOUNT_EXPORT_COLUMNS = [
  'id',
  ...ACCOUNT_IMPORT_FIELDS,
  ...ADDRESS_IMPORT_FIELDS,
  'archived',
  'createdAt',
  'updatedAt',
] as const;

/** Headers of contacts.csv: each contact with its account's external id and name, in import field names. */
export const CONTACT_EXPORT_COLUMNS = [
  'id',
  'accountId',
  'externalId',
  'displayName',
  ...CONTACT_IMPORT_FIELDS,
  'isPrimary',
  'createdAt',
  'updatedAt',
] as const;

function accountRecord(account: AccountEntity): CsvRecord {
  const [address] = account.addresses;
  return {
    id: account.id,
    externalId: account.externalId,
    kind: account.kind,
    salesModel: account.salesModel,
    displayName: account.displayName,
    legalName: account.legalName,
    industry: account.industry,
    registrationNumber: account.registrationNumber,
    taxId: account.taxId,
    website: account.website,
    employeeCount: account.employeeCount,
    firstName: account.firstName,
    lastName: account.lastName,
    birthDate: account.birthDate,
    emails: account.emails.join(LIST_JOINER),
    phones: account.phones.join(LIST_JOINER),
    tier: account.tier,
    tags: account.tags.join(LIST_JOINER),
    lifecycleStage: account.lifecycleStage,
    addressLabel: address?.label ?? null,
    addressLine1: address?.line1 ?? null,
    addressLine2: address?.line2 ?? null,
    addressCity: address?.city ?? null,
    addressRegion: address?.region ?? null,
    addressPostalCode: address?.postalCode ?? null,
    addressCountry: address?.country ?? null,
    archived: account.archivedAt !== null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

type ContactWithAccount = ContactEntity & { accountExternalId: string | null; accountDisplayName: string };

function contactRecord(contact: ContactWithAccount): CsvRecord {
  return {
    id: contact.id,
    accountId: contact.accountId,
    externalId: contact.accountExternalId,
    displayName: contact.accountDisplayName,
    contactFirstName: contact.firstName,
    contactLastName: contact.lastName,
    contactJobTitle: contact.jobTitle,
    contactBuyingRole: contact.buyingRole,
    contactEmails: contact.emails.join(LIST_JOINER),
    contactPhones: contact.phones.join(LIST_JOINER),
    isPrimary: contact.isPrimary,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/**
 * The tenant's accounts and contacts as CSV records, read in pages by id (keyset, one short
 * transaction per page), so an export of any size holds one page in memory and no long transaction.
 * Rows changed while an export runs appear as they are when their page is read.
 */
export class CsvExportService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly pageSize = 1000,
  ) {}

  async *accountRecords(tenantId: string): AsyncGenerator<CsvRecord> {
    for await (const page of this.pages(tenantId, (manager, after) =>
      manager
        .query(`SELECT * FROM "accounts" WHERE "tenant_id" = $1 AND "id" > $2 ORDER BY "id" LIMIT $3`, [
          tenantId,
          after,
          this.pageSize,
        ])
        .then((rows: Record<string, unknown>[]) => hydrateEntities(manager, AccountEntity, rows)),
    )) {
      yield* page.map(accountRecord);
    }
  }

  async *contactRecords(tenantId: string): AsyncGenerator<CsvRecord> {
    for await (const page of this.pages(tenantId, async (manager, after) => {
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT "c".*, "a"."external_id" AS "account_external_id", "a"."display_name" AS "account_display_name"
         FROM "contacts" "c" JOIN "accounts" "a" ON "a"."tenant_id" = "c"."tenant_id" AND "a"."id" = "c"."account_id"
         WHERE "c"."tenant_id" = $1 AND "c"."id" > $2 ORDER BY "c"."id" LIMIT $3`,
        [tenantId, after, this.pageSize],
      );
      const contacts = hydrateEntities(manager, ContactEntity, rows);
      return contacts.map((contact, index) =>
        Object.assign(contact, {
          accountExternalId: rows[index]?.account_external_id as string | null,
          accountDisplayName: rows[index]?.account_display_name as string,
        }),
      );
    })) {
      yield* page.map(contactRecord);
    }
  }

  private async *pages<T extends { id: string }>(
    tenantId: string,
    readPage: (manager: EntityManager, after: string) => Promise<T[]>,
  ): AsyncGenerator<T[]> {
    let after = FIRST_UUID;
    for (;;) {
      const page = await this.database.inTenant(tenantId, (manager) => readPage(manager, after));
      if (page.length > 0) yield page;
      if (page.length < this.pageSize) return;
      after = (page.at(-1) as T).id;
    }
  }
}
