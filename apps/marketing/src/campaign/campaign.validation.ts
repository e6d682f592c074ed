import { FieldErrors, isUuid, optionalText, requiredText } from '@crm/subgraph';
import type { MarketingChannel } from '../consent/consent.types';
import { MERGE_FIELDS, unknownMergeFields } from './message-template';

export interface CreateCampaignInput {
  name: string;
  channel: MarketingChannel;
  segmentId: string;
  subject?: string | null;
  body: string;
  scheduledAt?: Date | null;
}

export interface ValidCampaign {
  name: string;
  channel: MarketingChannel;
  segmentId: string;
  subject: string | null;
  body: string;
  scheduledAt: Date | null;
}

const LIMITS = { name: 200, subject: 300, emailBody: 100_000, smsBody: 1_000 };

/** Every rule of a new campaign, each broken one reported on its field; nothing is written before. */
export function validateCampaign(input: CreateCampaignInput, now: Date): ValidCampaign {
  const errors = new FieldErrors('input');
  const name = requiredText(errors, 'name', input.name, LIMITS.name);
  if (!isUuid(input.segmentId)) errors.add('segmentId', 'must be a UUID');
  const isEmail = input.channel === 'EMAIL';
  const subject = optionalText(errors, 'subject', input.subject, LIMITS.subject);
  if (isEmail && subject === null) errors.add('subject', 'an email campaign needs a subject');
  if (!isEmail && subject !== null) errors.add('subject', 'an SMS has no subject');
  const body = requiredText(errors, 'body', input.body, isEmail ? LIMITS.emailBody : LIMITS.smsBody);
  for (const [field, template] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const unknown = unknownMergeFields(template ?? '');
    if (unknown.length > 0) {
      errors.add(
        field,
        `unknown merge field ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${MERGE_FIELDS.join(', ')}`,
      );
    }
  }
  const scheduledAt = input.scheduledAt ?? null;
  if (scheduledAt !== null && scheduledAt.getTime() <= now.getTime()) {
    errors.add('scheduledAt', 'must be in the future');
  }
  errors.throwIfAny();
  return {
    name,
    channel: input.channel,
    segmentId: input.segmentId.toLowerCase(),
    subject,
    body,
    scheduledAt,
  };
}
