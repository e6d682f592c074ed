import type { EntityManager } from 'typeorm';
import { toConnection } from '@crm/subgraph';
import { selectNewestFirstPages, type NewestFirstPagesQuery } from '../common/newest-first-pages';
import { timeCursorValues, type TimePosition } from '../common/time-cursor';
import { ActivityEntity, type ActivityType } from './activity.entity';
import type { ActivityPage } from './activity.page';

/** Whose activities a page lists: an account's, a contact's or a deal's. */
export type ActivityOwner = 'account' | 'contact' | 'opportunity';

const TYPES_FILTER = `AND ($6::activity_type[] IS NULL OR "x"."type" = ANY($6::activity_type[]))`;

const ROWS_OF: Record<ActivityOwner, string> = {
  account: `FROM "activities" "x" WHERE "x"."tenant_id" = $1 AND "x"."account_id" = "requested"."key" ${TYPES_FILTER}`,
  opportunity: `FROM "activities" "x" WHERE "x"."tenant_id" = $1 AND "x"."opportunity_id" = "requested"."key" ${TYPES_FILTER}`,
  contact: `FROM "activity_contacts" "ac"
    JOIN "activities" "x" ON "x"."tenant_id" = "ac"."tenant_id" AND "x"."id" = "ac"."activity_id"
    WHERE "ac"."tenant_id" = $1 AND "ac"."contact_id" = "requested"."key" ${TYPES_FILTER}`,
};

/** The same page of activities, newest first, for each of many accounts, contacts or deals: one statement. */
export async function selectActivityPages(
  manager: EntityManager,
  owner: ActivityOwner,
  tenantId: string,
  ownerIds: readonly string[],
  types: readonly ActivityType[] | null,
  pageSize: number,
  after: TimePosition | null,
): Promise<ActivityPage[]> {
  const query: NewestFirstPagesQuery = {
    rowsOfKey: ROWS_OF[owner],
    timeColumn: 'starts_at',
    parameters: [types && types.length > 0 ? types : null],
  };
  const pages = await selectNewestFirstPages(
    manager,
    ActivityEntity,
    query,
    tenantId,
    ownerIds,
    pageSize,
    after,
  );
  return pages.map(({ rows, totalCount }) =>
    toConnection(rows, pageSize, totalCount, (activity) => timeCursorValues(activity.startsAt, activity.id)),
  );
}
