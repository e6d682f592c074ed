import DataLoader from 'dataloader';
import { encodeListingCursor, type ListingPosition } from '@crm/subgraph';
import type { ContactEntity } from './contact.entity';
import type { ContactPage } from './contact.page';
import type { ContactService } from './contact.service';

export interface ContactPageKey {
  accountId: string;
  pageSize: number;
  after: ListingPosition | null;
}

export interface ContactLoaders {
  byId: DataLoader<string, ContactEntity | null>;
  /** `Account.contacts` for every account in a response: one statement per distinct (first, after). */
  pageByAccount: DataLoader<ContactPageKey, ContactPage, string>;
}

function pageRequest({ pageSize, after }: ContactPageKey): string {
  return `${pageSize}:${after ? encodeListingCursor(after) : ''}`;
}

async function loadPages(
  contacts: ContactService,
  tenantId: string,
  keys: readonly ContactPageKey[],
): Promise<ContactPage[]> {
  const keysByRequest = new Map<string, ContactPageKey[]>();
  for (const key of keys) {
    const request = pageRequest(key);
    keysByRequest.set(request, [...(keysByRequest.get(request) ?? []), key]);
  }
  const pageOf = new Map<ContactPageKey, ContactPage>();
  for (const sameRequest of keysByRequest.values()) {
    const { pageSize, after } = sameRequest[0] as ContactPageKey;
    const accountIds = sameRequest.map((key) => key.accountId);
    const pages = await contacts.pagesByAccount(tenantId, accountIds, pageSize, after);
    sameRequest.forEach((key, index) => pageOf.set(key, pages[index] as ContactPage));
  }
  return keys.map((key) => pageOf.get(key) as ContactPage);
}

export function createContactLoaders(contacts: ContactService, callerTenantId: () => string): ContactLoaders {
  return {
    byId: new DataLoader((ids) => contacts.findByIds(callerTenantId(), ids)),
    pageByAccount: new DataLoader((keys) => loadPages(contacts, callerTenantId(), keys), {
      cacheKeyFn: (key) => `${pageRequest(key)}:${key.accountId}`,
    }),
  };
}
