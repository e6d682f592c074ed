import { SYSTEM_ACTOR } from '@crm/events';

/** The user recorded as `changed_by`/`owner_id`; the system (events, quotes) is recorded as null. */
export function actorColumn(actorId: string): string | null {
  return actorId === SYSTEM_ACTOR ? null : actorId;
}
