import type { ListingEdges } from '@crm/subgraph';
import type { TimelineEntryEntity } from './timeline-entry.entity';

/** One page of an account's timeline, newest first: the TimelineConnection. */
export type TimelinePage = ListingEdges<TimelineEntryEntity>;
