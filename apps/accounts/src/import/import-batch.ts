import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { hydrateEntities } from '@crm/database';
import { AccountCreated, AccountUpdated, ContactCreated, ContactUpdated } from '@crm/events';
import { factsAbout, pendingEvent, publishEvents, type PendingEvent } from '@crm/messaging';
import { emailList, FieldErrors } from '@crm/subgraph';
import { accountFieldsOf, changedAccountFields, type AccountFields } from '../account/account.defaults';
import { AccountEntity, type AccountKind } from '../account/account.entity';
import { accountSearchText } from '../account/account.search';
import { validateAccountChanges, validateNewAccount } from '../account/account.validation';
import { ContactEntity } from '../contact/contact.entity';
import {
  changedContactFields,
  contactFieldsOf,
  validateContactChanges,
  validateNewContact,
} from '../contact/contact.validation';
import { accountSnapshot, contactSnapshot } from '../events/publishers';
import { ACCOUNT_COLUMNS, CONTACT_COLUMNS } from './import-columns';
import type { ResolvedColumns } from './import-mapping';
import type { ImportRow } from './import-row';
import { columnOfAccountField, columnOfContactField, type ImportRowError } from './import-row-errors';
import { insertStatement, updateStatement, type SqlStatement } from './import-sql';

export interface ImportBatchContext {
  tenantId: string;
  actorId: string;
  phoneRegion: string;
  today: string;
  columns: ResolvedColumns;
}

export interface ImportBatchOutcome {
  created: number;
  updated: number;
  failed: number;
  errors: ImportRowError[];
}

interface TouchedAccount {
  entity: AccountEntity;
  isNew: boolean;
  changedFields: Set<string>;
  contacts: TouchedContact[];
}

interface TouchedContact {
  entity: ContactEntity;
  isNew: boolean;
  changedFields: Set<string>;
}

/** Emails as stored (lower-case, trimmed), for matching rows to accounts; invalid ones are left to validation. */
function normalisedEmails(values: readonly string[] | null | undefined): string[] {
  return values ? emailList(new FieldErrors(), '', values) : [];
}

/** Without a kind column: a legal name makes a company, a first or last name a person. */
function kindOf(row: ImportRow): AccountKind {
  if (row.kind) return row.kind;
  if (!row.account.legalName && (row.account.firstName || row.account.lastName)) return 'PERSON';
  return 'COMPANY';
}

/**
 * Imports one batch of rows in the caller's transaction, set-based: one query finds the accounts the
 * rows refer to (by external id, else by email), the rows are validated and applied in memory in
 * file order (so two rows about one account become one write), then one statement per kind of write
 * (insert, update; of accounts, of contacts) and one for all the events. A row that breaks a rule
 * writes nothing and is reported with its column; the others are imported.
 */
export async function importBatch(
  manager: EntityManager,
  context: ImportBatchContext,
  rows: readonly ImportRow[],
): Promise<ImportBatchOutcome> {
  const accounts = await loadReferencedAccounts(manager, context.tenantId, rows);
  const contacts = rows.some((row) => row.contact)
    ? await loadContacts(
        manager,
        context.tenantId,
        accounts.map((account) => account.id),
      )
    : [];
  const batch = new BatchState(context, accounts, contacts);
  const outcome: ImportBatchOutcome = { created: 0, updated: 0, failed: 0, errors: [] };
  for (const row of rows) {
    const result = batch.apply(row);
    if (result === 'failed') {
      outcome.failed += 1;
      outcome.errors.push(...batch.lastErrors);
    } else {
      outcome[result] += 1;
    }
  }
  const { statements, events } = batch.finish();
  for (const statement of statements) await manager.query(statement.sql, statement.parameters);
  await publishEvents(manager, events);
  return outcome;
}

async function loadReferencedAccounts(
  manager: EntityManager,
  tenantId: string,
  rows: readonly ImportRow[],
): Promise<AccountEntity[]> {
  const externalIds = [...new Set(rows.flatMap((row) => (row.externalId ? [row.externalId] : [])))];
  const emails = [
    ...new Set(rows.flatMap((row) => (row.externalId ? [] : normalisedEmails(row.account.emails)))),
  ];
  const found = new Map<string, Record<string, unknown>>();
  if (externalIds.length > 0) {
    // One unique-index probe per key. The plain `= ANY(…)` form was planned as a scan of the tenant's
    // accounts whenever the statistics lagged behind a growing table, i.e. during every large import.
    const byExternalId: Record<string, unknown>[] = await manager.query(
      `SELECT "a".* FROM unnest($2::text[]) AS "k"("external_id")
       CROSS JOIN LATERAL (
         SELECT * FROM "accounts" WHERE "tenant_id" = $1 AND "external_id" = "k"."external_id" LIMIT 1
       ) AS "a"`,
      [tenantId, externalIds],
    );
    for (const row of byExternalId) found.set(row.id as string, row);
  }
  if (emails.length > 0) {
    // Only live accounts are matched by email: an archived (or merged) one keeps its old addresses.
    // Array overlap is not leakproof, so under row-level security no index can serve it: this reads
    // the tenant's accounts once per batch (see README-import.md).
    const byEmail: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM "accounts" WHERE "tenant_id" = $1 AND "archived_at" IS NULL AND "emails" && $2::text[]`,
      [tenantId, emails],
    );
    for (const row of byEmail) found.set(row.id as string, row);
  }
  return hydrateEntities(manager, AccountEntity, [...found.values()]);
}

async function loadContacts(
  manager: EntityManager,
  tenantId: string,
  accountIds: string[],
): Promise<ContactEntity[]> {
  if (accountIds.length === 0) return [];
  const found: Record<string, unknown>[] = await manager.query(
    `SELECT * FROM "contacts" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) ORDER BY "created_at", "id"`,
    [tenantId, accountIds],
  );
  return hydrateEntities(manager, ContactEntity, found);
}

class BatchState {
  private readonly accounts = new Map<string, TouchedAccount>();
  private readonly byExternalId = new Map<string, TouchedAccount>();
  private readonly byEmail = new Map<string, Set<TouchedAccount>>();
  lastErrors: ImportRowError[] = [];

  constructor(
    private readonly context: ImportBatchContext,
    existing: readonly AccountEntity[],
    existingContacts: readonly ContactEntity[],
  ) {
    for (const entity of existing) {
      this.remember({ entity, isNew: false, changedFields: new Set(), contacts: [] });
    }
    for (const entity of existingContacts) {
      this.accounts.get(entity.accountId)?.contacts.push({ entity, isNew: false, changedFields: new Set() });
    }
  }

  /** Validates the row against the batch's current state and, if it is valid, applies it. */
  apply(row: ImportRow): 'created' | 'updated' | 'failed' {
    const { columns } = this.context;
    this.lastErrors = [];
    const report = (errors: FieldErrors, columnOf: typeof columnOfAccountField) => {
      for (const { field, message } of errors.list) {
        const column = columnOf(field, columns);
        this.lastErrors.push({
          row: row.rowNumber,
          column,
          message: column === null && field ? `${field}: ${message}` : message,
        });
      }
    };
    if (row.errors.list.length > 0) {
      report(row.errors, columnOfAccountField);
      return 'failed';
    }

    const errors = new FieldErrors();
    const match = this.match(row, errors);
    const validation = { phoneRegion: this.context.phoneRegion, today: this.context.today };
    let next: AccountFields | null = null;
    if (match) {
      if (match.entity.archivedAt) errors.add('externalId', `account ${match.entity.id} is archived`);
      if (row.kind && row.kind !== match.entity.kind) {
        errors.add('kind', `the account exists as ${match.entity.kind}; its kind cannot change`);
      }
      next = validateAccountChanges(
        errors,
        accountFieldsOf(match.entity),
        { id: match.entity.id, ...row.account },
        validation,
      );
    } else if (errors.list.length === 0) {
      next = validateNewAccount(errors, { kind: kindOf(row), ...row.account }, validation);
    }
    const accountId = match?.entity.id ?? uuidv7();
    const contactErrors = new FieldErrors();
    const contactChange = row.contact ? this.contactChange(row, accountId, match, contactErrors) : null;
    if (errors.list.length > 0 || contactErrors.list.length > 0 || !next) {
      report(errors, columnOfAccountField);
      report(contactErrors, columnOfContactField);
      return 'failed';
    }

    const account = match ?? this.createAccount(accountId, row.externalId, next);
    if (match) this.changeAccount(match, next);
    if (contactChange) contactChange(account);
    return match ? 'updated' : 'created';
  }

  private match(row: ImportRow, errors: FieldErrors): TouchedAccount | null {
    if (row.externalId) return this.byExternalId.get(row.externalId) ?? null;
    const matches = new Set(
      normalisedEmails(row.account.emails).flatMap((email) => [...(this.byEmail.get(email) ?? [])]),
    );
    if (matches.size > 1) {
      const ids = [...matches].map((account) => account.entity.id).join(', ');
      errors.add('emails', `match several accounts (${ids}); give an externalId to choose one`);
      return null;
    }
    return [...matches][0] ?? null;
  }

  private createAccount(id: string, externalId: string | null, fields: AccountFields): TouchedAccount {
    // A plain object, not an entity instance: only its fields are read, for the insert and the event.
    const entity = {
      ...fields,
      tenantId: this.context.tenantId,
      id,
      externalId,
      archivedAt: null,
      searchText: accountSearchText(fields),
      version: 1,
    } as AccountEntity;
    const account: TouchedAccount = { entity, isNew: true, changedFields: new Set(), contacts: [] };
    this.remember(account);
    return account;
  }

  private changeAccount(account: TouchedAccount, next: AccountFields): void {
    const changed = changedAccountFields(accountFieldsOf(account.entity), next);
    if (changed.length === 0) return;
    this.forgetEmails(account);
    Object.assign(account.entity, next, { searchText: accountSearchText(next) });
    for (const field of changed) account.changedFields.add(field);
    this.remember(account);
  }

  /**
   * Validates the row's contact and returns how to apply it once the whole row is known to be valid.
   * A contact of the account with one of the row's emails (else with the same name) is updated;
   * otherwise a new contact is added.
   */
  private contactChange(
    row: ImportRow,
    accountId: string,
    account: TouchedAccount | null,
    errors: FieldErrors,
  ): ((account: TouchedAccount) => void) | null {
    const values = row.contact ?? {};
    const existing = account ? findContact(account.contacts, values) : null;
    if (existing) {
      const current = contactFieldsOf(existing.entity);
      const next = validateContactChanges(
        errors,
        current,
        { id: existing.entity.id, ...values },
        this.context.phoneRegion,
      );
      return () => {
        const changed = changedContactFields(current, next);
        Object.assign(existing.entity, next);
        for (const field of changed) existing.changedFields.add(field);
      };
    }
    const fields = validateNewContact(
      errors,
      { ...values, accountId, firstName: values.firstName ?? '', lastName: values.lastName ?? '' },
      this.context.phoneRegion,
    );
    return (target) => {
      const entity = {
        ...fields,
        tenantId: this.context.tenantId,
        id: uuidv7(),
        version: 1,
      } as ContactEntity;
      target.contacts.push({ entity, isNew: true, changedFields: new Set() });
    };
  }

  private remember(account: TouchedAccount): void {
    this.accounts.set(account.entity.id, account);
    if (account.entity.externalId) this.byExternalId.set(account.entity.externalId, account);
    if (account.entity.archivedAt) return;
    for (const email of account.entity.emails) {
      const owners = this.byEmail.get(email) ?? new Set();
      owners.add(account);
      this.byEmail.set(email, owners);
    }
  }

  private forgetEmails(account: TouchedAccount): void {
    for (const email of account.entity.emails) this.byEmail.get(email)?.delete(account);
  }

  /** The statements and events of everything the batch changed; versions move on by one. */
  finish(): { statements: SqlStatement[]; events: PendingEvent[] } {
    const touched = [...this.accounts.values()];
    const created = touched.filter((account) => account.isNew);
    const changed = touched.filter((account) => !account.isNew && account.changedFields.size > 0);
    for (const account of changed) account.entity.version += 1;
    const contacts = touched.flatMap((account) => account.contacts);
    const createdContacts = contacts.filter((contact) => contact.isNew);
    const changedContacts = contacts.filter((contact) => !contact.isNew && contact.changedFields.size > 0);
    for (const contact of changedContacts) contact.entity.version += 1;

    const statements = [
      insertStatement('accounts', ACCOUNT_COLUMNS, created.map(entityOf)),
      updateStatement('accounts', ['tenant_id', 'id'], ACCOUNT_COLUMNS, changed.map(entityOf)),
      insertStatement('contacts', CONTACT_COLUMNS, createdContacts.map(entityOf)),
      updateStatement('contacts', ['tenant_id', 'id'], CONTACT_COLUMNS, changedContacts.map(entityOf)),
    ].filter((statement): statement is SqlStatement => statement !== null);
    const { actorId } = this.context;
    const events: PendingEvent[] = [
      ...created.map(({ entity }) =>
        pendingEvent(AccountCreated, { ...factsAbout(entity, actorId), data: accountSnapshot(entity) }),
      ),
      ...changed.map(({ entity, changedFields }) =>
        pendingEvent(AccountUpdated, {
          ...factsAbout(entity, actorId),
          data: { ...accountSnapshot(entity), changedFields: [...changedFields] },
        }),
      ),
      ...createdContacts.map(({ entity }) =>
        pendingEvent(ContactCreated, { ...factsAbout(entity, actorId), data: contactSnapshot(entity) }),
      ),
      ...changedContacts.map(({ entity, changedFields }) =>
        pendingEvent(ContactUpdated, {
          ...factsAbout(entity, actorId),
          data: { ...contactSnapshot(entity), changedFields: [...changedFields] },
        }),
      ),
    ];
    return { statements, events };
  }
}

function entityOf<T>(touched: { entity: T }): T {
  return touched.entity;
}

function findContact(
  contacts: readonly TouchedContact[],
  values: NonNullable<ImportRow['contact']>,
): TouchedContact | null {
  const emails = new Set(normalisedEmails(values.emails));
  const byEmail = contacts.find((contact) => contact.entity.emails.some((email) => emails.has(email)));
  if (byEmail) return byEmail;
  if (!values.firstName && !values.lastName) return null;
  return (
    contacts.find(
      (contact) =>
        contact.entity.firstName === (values.firstName?.trim() ?? '') &&
        contact.entity.lastName === (values.lastName?.trim() ?? ''),
    ) ?? null
  );
}
