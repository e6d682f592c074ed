import { type FieldErrors, optionalText, requiredText, LIMITS } from '@crm/subgraph';
import { idList, optionalId } from '../common/id-fields';
import type { LogActivityInput } from '../generated/graphql';
import { CHANNELS, type ActivityEntity, type ActivityType, type Channel } from './activity.entity';

export const ACTIVITY_TEXT_LIMITS = { body: 20_000, outcome: 2_000 } as const;

/** Which channels each kind of touchpoint can happen over; a note may record anything. */
export const CHANNELS_BY_TYPE: Readonly<Record<ActivityType, readonly Channel[]>> = {
  CALL: ['PHONE', 'VIDEO', 'WHATSAPP'],
  MEETING: ['IN_PERSON', 'VIDEO'],
  EMAIL: ['EMAIL'],
  MESSAGE: ['SMS', 'WHATSAPP', 'WEB'],
  NOTE: CHANNELS,
};

export type ActivityFields = Pick<
  ActivityEntity,
  | 'type'
  | 'channel'
  | 'direction'
  | 'status'
  | 'subject'
  | 'body'
  | 'startsAt'
  | 'endsAt'
  | 'outcome'
  | 'accountId'
  | 'contactIds'
  | 'opportunityId'
  | 'orderId'
  | 'ownerId'
>;

/**
 * Checks a new activity and fills in defaults: the caller owns it unless told otherwise, and one
 * starting in the future is PLANNED, one in the past DONE.
 */
export function validateNewActivity(
  errors: FieldErrors,
  input: LogActivityInput,
  callerUserId: string,
  now: Date,
): ActivityFields {
  if (!CHANNELS_BY_TYPE[input.type].includes(input.channel)) {
    errors.add(
      'channel',
      `a ${input.type} cannot happen over ${input.channel} (allowed: ${CHANNELS_BY_TYPE[input.type].join(', ')})`,
    );
  }
  checkWindow(errors, input.startsAt, input.endsAt ?? null);
  return {
    type: input.type,
    channel: input.channel,
    direction: input.direction ?? null,
    status: input.status ?? (input.startsAt.getTime() > now.getTime() ? 'PLANNED' : 'DONE'),
    subject: requiredText(errors, 'subject', input.subject, LIMITS.name),
    body: optionalText(errors, 'body', input.body, ACTIVITY_TEXT_LIMITS.body),
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    outcome: optionalText(errors, 'outcome', input.outcome, ACTIVITY_TEXT_LIMITS.outcome),
    accountId: optionalId(errors, 'accountId', input.accountId),
    contactIds: idList(errors, 'contactIds', input.contactIds),
    opportunityId: optionalId(errors, 'opportunityId', input.opportunityId),
    orderId: optionalId(errors, 'orderId', input.orderId),
    ownerId: input.ownerId == null ? callerUserId : optionalId(errors, 'ownerId', input.ownerId),
  };
}

/** An end, when there is one, is not before the start. */
export function checkWindow(errors: FieldErrors, startsAt: Date, endsAt: Date | null): void {
  if (endsAt && endsAt.getTime() < startsAt.getTime()) errors.add('endsAt', 'must not be before startsAt');
}

/** Moving a planned activity keeps its length unless a new end is given. */
export function rescheduledEnd(
  activity: Pick<ActivityEntity, 'startsAt' | 'endsAt'>,
  startsAt: Date,
): Date | null {
  if (!activity.endsAt) return null;
  return new Date(startsAt.getTime() + (activity.endsAt.getTime() - activity.startsAt.getTime()));
}
