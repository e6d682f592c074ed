import type { AccountCreated, EventData } from '@crm/events';

/** An account as accounts' events carry it: AccountCreated's data, AccountUpdated's, a merge's survivor. */
export type AccountSnapshot = EventData<typeof AccountCreated>;

/**
 * A valid account snapshot for tests of services that project accounts' events: a B2B company with
 * nothing personal. Override what the test is about (sales model, tier, archived, …).
 */
export function accountSnapshotFixture(
  accountId: string,
  overrides: Partial<AccountSnapshot> = {},
): AccountSnapshot {
  return {
    accountId,
    kind: 'COMPANY',
    salesModel: 'B2B',
    displayName: 'Pars Steel',
    legalName: 'Pars Steel Co',
    industry: null,
    firstName: null,
    lastName: null,
    emails: [],
    phones: [],
    addresses: [],
    tier: null,
    tags: [],
    lifecycleStage: 'PROSPECT',
    ownerId: null,
    parentId: null,
    archived: false,
    ...overrides,
  };
}
