import type { ListingEdges } from '@crm/subgraph';
import type { AccountEntity } from './account.entity';

/**
 * One page of `accounts`: the AccountConnection before its totalCount, which costs a count over
 * every matching row and so runs only when a client asks for it.
 */
export interface AccountPage extends ListingEdges<AccountEntity> {
  countTotal(): Promise<number>;
}
