import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { ConsentChanged } from '@crm/events';
import { publishEvent } from '@crm/messaging';
import { FieldErrors, canonicalUuid, isUuid, queryableIds, requiredText, type Caller } from '@crm/subgraph';
import { rowsPerAccount } from '../rows-per-account';
import type { ConsentRow, ConsentState, MarketingChannel } from './consent.types';

const MAX_SOURCE_LENGTH = 200;

export interface ConsentChange {
  accountId: string;
  channel: MarketingChannel;
  state: ConsentState;
  source: string;
}

export class ConsentService {
  constructor(private readonly database: TenantScopedDatabase) {}

  async setConsent(caller: Caller, change: ConsentChange): Promise<boolean> {
    const errors = new FieldErrors();
    if (!isUuid(change.accountId)) errors.add('accountId', 'must be a UUID');
    const source = requiredText(errors, 'source', change.source, MAX_SOURCE_LENGTH);
    errors.throwIfAny();
    await this.database.inTenant(caller.tenantId, (manager) =>
      changeConsent(manager, caller.tenantId, caller.userId, {
        ...change,
        accountId: canonicalUuid(change.accountId),
        source,
      }),
    );
    return true;
  }

  /** The consents of several accounts in one query (the Account.consents loader). */
  async consentsOf(tenantId: string, accountIds: readonly string[]): Promise<ConsentRow[][]> {
    const ids = queryableIds(accountIds);
    const rows: ConsentRow[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT "account_id", "channel", "state", "source", "changed_at" FROM "consents"
         WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) ORDER BY "channel"`,
        [tenantId, ids],
      ),
    );
    return rowsPerAccount(accountIds, rows, (row) => row.account_id);
  }
}

/**
 * Records a consent decision and, when the state changed, publishes ConsentChanged in the same
 * transaction. Used by setConsent and by the public unsubscribe link.
 */
export async function changeConsent(
  manager: EntityManager,
  tenantId: string,
  actorId: string,
  change: ConsentChange,
): Promise<void> {
  const previous: { state: ConsentState; version: number }[] = await manager.query(
    `SELECT "state", "version" FROM "consents"
     WHERE "tenant_id" = $1 AND "account_id" = $2 AND "channel" = $3 FOR UPDATE`,
    [tenantId, change.accountId, change.channel],
  );
  const previousState = previous[0]?.state ?? 'UNKNOWN';
  if (previous[0] && previousState === change.state) return;
  const version = (previous[0]?.version ?? 0) + 1;
  const changedAt = new Date();
  await manager.query(
    `INSERT INTO "consents" ("tenant_id", "account_id", "channel", "state", "source", "changed_at", "version")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("tenant_id", "account_id", "channel") DO UPDATE SET
       "state" = EXCLUDED."state", "source" = EXCLUDED."source", "changed_at" = EXCLUDED."changed_at",
       "version" = EXCLUDED."version"`,
    [tenantId, change.accountId, change.channel, change.state, change.source, changedAt, version],
  );
  await publishEvent(manager, ConsentChanged, {
    tenantId,
    actorId,
    aggregateId: change.accountId,
    aggregateVersion: version,
    data: {
      accountId: change.accountId,
      channel: change.channel,
      state: change.state,
      previousState,
      source: change.source,
      changedAt: changedAt.toISOString(),
    },
  });
}
