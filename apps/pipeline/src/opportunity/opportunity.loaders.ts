import DataLoader from 'dataloader';
import type { ContactRoleEntity } from './contact-role.entity';
import type { OpportunityEntity } from './opportunity.entity';
import type { OpportunityReads } from './opportunity.reads';
import type { StageVisitEntity } from './stage-visit.entity';

export interface AccountOpportunitiesKey {
  accountId: string;
  open: boolean | null;
  pageSize: number;
  /** The last opportunity of the previous page. */
  afterId: string | null;
}

export interface OpportunityLoaders {
  byId: DataLoader<string, OpportunityEntity | null>;
  /** `Account.opportunities` for every account in a response: one statement per distinct argument set. */
  pageByAccount: DataLoader<AccountOpportunitiesKey, OpportunityEntity[], string>;
  byContact: DataLoader<string, OpportunityEntity[]>;
  contactRoles: DataLoader<string, ContactRoleEntity[]>;
  stageHistory: DataLoader<string, StageVisitEntity[]>;
}

function pageRequest({ open, pageSize, afterId }: AccountOpportunitiesKey): string {
  return `${String(open)}:${pageSize}:${afterId ?? ''}`;
}

async function loadPages(
  opportunities: OpportunityReads,
  tenantId: string,
  keys: readonly AccountOpportunitiesKey[],
): Promise<OpportunityEntity[][]> {
  const keysByRequest = new Map<string, AccountOpportunitiesKey[]>();
  for (const key of keys)
    keysByRequest.set(pageRequest(key), [...(keysByRequest.get(pageRequest(key)) ?? []), key]);
  const pageOf = new Map<AccountOpportunitiesKey, OpportunityEntity[]>();
  for (const sameRequest of keysByRequest.values()) {
    const { open, pageSize, afterId } = sameRequest[0] as AccountOpportunitiesKey;
    const pages = await opportunities.pagesByAccount(
      tenantId,
      sameRequest.map((key) => key.accountId),
      { open, pageSize, afterId },
    );
    sameRequest.forEach((key, index) => pageOf.set(key, pages[index] ?? []));
  }
  return keys.map((key) => pageOf.get(key) ?? []);
}

export function createOpportunityLoaders(
  opportunities: OpportunityReads,
  callerTenantId: () => string,
): OpportunityLoaders {
  return {
    byId: new DataLoader((ids) => opportunities.findByIds(callerTenantId(), ids)),
    pageByAccount: new DataLoader((keys) => loadPages(opportunities, callerTenantId(), keys), {
      cacheKeyFn: (key) => `${pageRequest(key)}:${key.accountId}`,
    }),
    byContact: new DataLoader((ids) => opportunities.byContacts(callerTenantId(), ids)),
    contactRoles: new DataLoader((ids) => opportunities.contactRolesOf(callerTenantId(), ids)),
    stageHistory: new DataLoader((ids) => opportunities.stageHistoryOf(callerTenantId(), ids)),
  };
}
