import type { TenantScopedDatabase } from '@crm/database';
import { toConnection } from '@crm/subgraph';
import { selectNewestFirstPages } from '../common/newest-first-pages';
import { timeCursorValues, type TimePosition } from '../common/time-cursor';
import { TimelineEntryEntity } from './timeline-entry.entity';
import type { TimelinePage } from './timeline.page';

const ENTRIES_OF_ACCOUNT = `FROM "timeline_entries" "x" WHERE "x"."tenant_id" = $1 AND "x"."account_id" = "requested"."key"`;

export class TimelineService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** The same page of each account's timeline (newest first), in the order of `accountIds`, in one statement. */
  pagesByAccount(
    tenantId: string,
    accountIds: readonly string[],
    pageSize: number,
    after: TimePosition | null,
  ): Promise<TimelinePage[]> {
    return this.database.inTenant(tenantId, async (manager) => {
      const pages = await selectNewestFirstPages(
        manager,
        TimelineEntryEntity,
        { rowsOfKey: ENTRIES_OF_ACCOUNT, timeColumn: 'at' },
        tenantId,
        accountIds,
        pageSize,
        after,
      );
      return pages.map(({ rows, totalCount }) => {
        const { edges, pageInfo } = toConnection(rows, pageSize, totalCount, (entry) =>
          timeCursorValues(entry.at, entry.id),
        );
        return { edges, pageInfo };
      });
    });
  }
}
