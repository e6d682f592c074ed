import type { ListingEdges } from '@crm/subgraph';
import type { ContactEntity } from './contact.entity';

/** One page of an account's contacts: the ContactConnection. */
export interface ContactPage extends ListingEdges<ContactEntity> {
  totalCount: number;
}
