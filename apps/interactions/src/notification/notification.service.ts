import type { TenantScopedDatabase } from '@crm/database';
import { type Caller, canonicalUuid, FieldErrors, isUuid } from '@crm/subgraph';
import { NotificationEntity } from './notification.entity';

/** How many notifications one request returns, newest first. */
export const MAX_NOTIFICATIONS_LISTED = 100;

/** A team member's own in-app notifications: nobody reads or marks anyone else's. */
export class NotificationService {
  constructor(private readonly database: TenantScopedDatabase) {}

  notifications(caller: Caller, unreadOnly: boolean): Promise<NotificationEntity[]> {
    return this.database.inTenant(caller.tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(NotificationEntity, 'notification')
        .where('notification.tenantId = :tenantId AND notification.userId = :userId', {
          tenantId: caller.tenantId,
          userId: caller.userId,
        })
        .orderBy('notification.createdAt', 'DESC')
        .addOrderBy('notification.id', 'DESC')
        .limit(MAX_NOTIFICATIONS_LISTED);
      if (unreadOnly) query.andWhere('notification.readAt IS NULL');
      return query.getMany();
    });
  }

  /** How many of the caller's unread notifications were marked read now; others' ids change nothing. */
  async markRead(caller: Caller, ids: readonly string[]): Promise<number> {
    const errors = new FieldErrors();
    ids.forEach((id, index) => {
      if (!isUuid(id)) errors.add(`ids[${index}]`, 'is not an id this API returned');
    });
    errors.throwIfAny();
    if (ids.length === 0) return 0;
    const [, affected]: [unknown, number] = await this.database.inTenant(caller.tenantId, (manager) =>
      manager.query(
        `UPDATE "notifications" SET "read_at" = now()
         WHERE "tenant_id" = $1 AND "user_id" = $2 AND "id" = ANY($3::uuid[]) AND "read_at" IS NULL`,
        [caller.tenantId, caller.userId, ids.map(canonicalUuid)],
      ),
    );
    return affected;
  }
}
