import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  assertExpectedVersion,
  type Caller,
  canonicalUuid,
  FieldErrors,
  InvalidInputError,
  inRequestedOrder,
  isUuid,
  optionalText,
  queryableIds,
} from '@crm/subgraph';
import type { TimePosition } from '../common/time-cursor';
import {
  publishActivityCompleted,
  publishActivityLogged,
  publishActivityRescheduled,
} from '../events/publishers';
import type { LogActivityInput } from '../generated/graphql';
import { addActivityToTimeline, moveActivityOnTimeline } from '../timeline/timeline.writes';
import { ActivityContactEntity } from './activity-contact.entity';
import { ActivityEntity, type ActivityType } from './activity.entity';
import { ActivityNotFoundError, ActivityNotPlannedError } from './activity.errors';
import type { ActivityPage } from './activity.page';
import { selectActivityPages, type ActivityOwner } from './activity.query';
import {
  ACTIVITY_TEXT_LIMITS,
  type ActivityFields,
  checkWindow,
  rescheduledEnd,
  validateNewActivity,
} from './activity.validation';

/** The longest calendar window one request may ask for: a quarter, enough for any month view. */
export const MAX_CALENDAR_DAYS = 93;
const DAY_MS = 24 * 3600 * 1000;

export interface RescheduleRequest {
  id: string;
  startsAt: Date;
  endsAt?: Date | null;
  expectedVersion?: number | null;
}

export interface CompleteRequest {
  id: string;
  outcome?: string | null;
  expectedVersion?: number | null;
}

export class ActivityService {
  constructor(private readonly database: TenantScopedDatabase) {}

  async logActivity(caller: Caller, input: LogActivityInput): Promise<ActivityEntity> {
    const errors = new FieldErrors('input');
    const fields = validateNewActivity(errors, input, caller.userId, new Date());
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, (manager) =>
      insertActivity(manager, caller.tenantId, fields, caller.userId),
    );
  }

  rescheduleActivity(caller: Caller, request: RescheduleRequest): Promise<ActivityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const activity = await lockPlannedActivity(
        manager,
        caller.tenantId,
        request.id,
        request.expectedVersion,
      );
      const endsAt =
        request.endsAt === undefined ? rescheduledEnd(activity, request.startsAt) : request.endsAt;
      const errors = new FieldErrors();
      checkWindow(errors, request.startsAt, endsAt);
      errors.throwIfAny();

      const previousStartsAt = activity.startsAt;
      Object.assign(activity, { startsAt: request.startsAt, endsAt });
      await manager.save(activity);
      await moveActivityOnTimeline(manager, activity);
      await publishActivityRescheduled(manager, activity, previousStartsAt, caller.userId);
      return activity;
    });
  }

  async completeActivity(caller: Caller, request: CompleteRequest): Promise<ActivityEntity> {
    const errors = new FieldErrors();
    const outcome = optionalText(errors, 'outcome', request.outcome, ACTIVITY_TEXT_LIMITS.outcome);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const activity = await lockPlannedActivity(
        manager,
        caller.tenantId,
        request.id,
        request.expectedVersion,
      );
      Object.assign(activity, {
        status: 'DONE',
        completedAt: new Date(),
        outcome: outcome ?? activity.outcome,
      });
      await manager.save(activity);
      await publishActivityCompleted(manager, activity, caller.userId);
      return activity;
    });
  }

  /** Planned and done calls and meetings starting in [from, to), in start order; one owner's or everyone's. */
  async calendar(tenantId: string, from: Date, to: Date, ownerId: string | null): Promise<ActivityEntity[]> {
    const errors = new FieldErrors();
    if (to.getTime() <= from.getTime()) errors.add('to', 'must be after from');
    else if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * DAY_MS)
      errors.add('to', `the window may span at most ${MAX_CALENDAR_DAYS} days`);
    if (ownerId !== null && !isUuid(ownerId)) errors.add('ownerId', 'is not an id this API returned');
    errors.throwIfAny();
    return this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(ActivityEntity, 'activity')
        .where('activity.tenantId = :tenantId', { tenantId })
        .andWhere('activity.startsAt >= :from AND activity.startsAt < :to', { from, to })
        .andWhere(`activity.type IN ('CALL', 'MEETING') AND activity.status IN ('PLANNED', 'DONE')`)
        .orderBy('activity.startsAt', 'ASC')
        .addOrderBy('activity.id', 'ASC');
      if (ownerId !== null)
        query.andWhere('activity.ownerId = :ownerId', { ownerId: canonicalUuid(ownerId) });
      return query.getMany();
    });
  }

  /** By id, in the order asked; unknown ids are null. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(ActivityEntity | null)[]> {
    const canonicalIds = ids.map(canonicalUuid);
    const wanted = queryableIds(canonicalIds);
    const activities =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            manager
              .createQueryBuilder(ActivityEntity, 'activity')
              .where('activity.tenantId = :tenantId AND activity.id = ANY(:ids)', { tenantId, ids: wanted })
              .getMany(),
          );
    return inRequestedOrder(canonicalIds, activities);
  }

  /** The same page for each account, contact or deal, in the order of `ownerIds`, in one statement. */
  pagesOf(
    owner: ActivityOwner,
    tenantId: string,
    ownerIds: readonly string[],
    types: readonly ActivityType[] | null,
    pageSize: number,
    after: TimePosition | null,
  ): Promise<ActivityPage[]> {
    return this.database.inTenant(tenantId, (manager) =>
      selectActivityPages(manager, owner, tenantId, ownerIds, types, pageSize, after),
    );
  }

  /** When each account was last in touch: its latest DONE activity; null for none. */
  async lastInteractionAt(tenantId: string, accountIds: readonly string[]): Promise<(Date | null)[]> {
    const rows: { account_id: string; last_at: Date }[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT "account_id", max("starts_at") AS "last_at" FROM "activities"
         WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) AND "status" = 'DONE'
         GROUP BY "account_id"`,
        [tenantId, queryableIds(accountIds)],
      ),
    );
    const byAccount = new Map(rows.map((row) => [row.account_id, row.last_at]));
    return accountIds.map((id) => byAccount.get(id) ?? null);
  }
}

/** Inserts an activity with its contact links and timeline entry, and publishes ActivityLogged. */
export async function insertActivity(
  manager: EntityManager,
  tenantId: string,
  fields: ActivityFields,
  actorId: string,
): Promise<ActivityEntity> {
  const activity = manager.create(ActivityEntity, {
    ...fields,
    tenantId,
    id: uuidv7(),
    completedAt: fields.status === 'DONE' ? new Date() : null,
  });
  await manager.insert(ActivityEntity, activity); // fills in version and timestamps
  if (activity.contactIds.length > 0) {
    await manager.insert(
      ActivityContactEntity,
      activity.contactIds.map((contactId) => ({ tenantId, contactId, activityId: activity.id })),
    );
  }
  await addActivityToTimeline(manager, activity);
  await publishActivityLogged(manager, activity, actorId);
  return activity;
}

async function lockPlannedActivity(
  manager: EntityManager,
  tenantId: string,
  id: string,
  expectedVersion: number | null | undefined,
): Promise<ActivityEntity> {
  if (!isUuid(id)) throw new InvalidInputError([{ field: 'id', message: 'is not an id this API returned' }]);
  const activity = await manager.findOne(ActivityEntity, {
    where: { tenantId, id: canonicalUuid(id) },
    lock: { mode: 'pessimistic_write' },
  });
  if (!activity) throw new ActivityNotFoundError(id);
  assertExpectedVersion(`activity ${id}`, activity.version, expectedVersion);
  if (activity.status !== 'PLANNED') throw new ActivityNotPlannedError(id, activity.status);
  return activity;
}
