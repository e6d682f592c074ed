import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ActivityEntity } from '../activity/activity.entity';

const ACTIVITY_LABELS: Record<ActivityEntity['type'], string> = {
  CALL: 'Call',
  MEETING: 'Meeting',
  EMAIL: 'Email',
  MESSAGE: 'Message',
  NOTE: 'Note',
};

export function activitySummary(activity: Pick<ActivityEntity, 'type' | 'subject'>): string {
  return `${ACTIVITY_LABELS[activity.type]}: ${activity.subject}`;
}

/** An activity about an account is on that account's timeline, at the time it happens. */
export async function addActivityToTimeline(manager: EntityManager, activity: ActivityEntity): Promise<void> {
  if (!activity.accountId) return;
  await manager.query(
    `INSERT INTO "timeline_entries" ("tenant_id", "id", "account_id", "at", "kind", "summary", "activity_id")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      activity.tenantId,
      uuidv7(),
      activity.accountId,
      activity.startsAt,
      activity.type,
      activitySummary(activity),
      activity.id,
    ],
  );
}

export async function moveActivityOnTimeline(
  manager: EntityManager,
  activity: ActivityEntity,
): Promise<void> {
  await manager.query(
    `UPDATE "timeline_entries" SET "at" = $3 WHERE "tenant_id" = $1 AND "activity_id" = $2`,
    [activity.tenantId, activity.id, activity.startsAt],
  );
}

export interface SystemTimelineEntry {
  tenantId: string;
  accountId: string;
  at: Date;
  kind: string;
  summary: string;
  sourceEventId: string;
}

/** Idempotent: the same source event never makes a second entry, whoever delivers it again. */
export async function addSystemEntryToTimeline(
  manager: EntityManager,
  entry: SystemTimelineEntry,
): Promise<void> {
  await manager.query(
    `INSERT INTO "timeline_entries" ("tenant_id", "id", "account_id", "at", "kind", "summary", "source_event_id")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("tenant_id", "source_event_id") WHERE "source_event_id" IS NOT NULL DO NOTHING`,
    [entry.tenantId, uuidv7(), entry.accountId, entry.at, entry.kind, entry.summary, entry.sourceEventId],
  );
}
