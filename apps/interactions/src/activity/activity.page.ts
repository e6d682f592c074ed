import type { Connection } from '@crm/subgraph';
import type { ActivityEntity } from './activity.entity';

/** One page of activities, newest first: the ActivityConnection. */
export type ActivityPage = Connection<ActivityEntity>;
