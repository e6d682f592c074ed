import { z } from 'zod';
import { defineEvent } from '../define-event';
import { isoDateTimeSchema } from './shared-schemas';

export const marketingChannelSchema = z.enum(['EMAIL', 'SMS']);
export const consentStateSchema = z.enum(['OPTED_IN', 'OPTED_OUT', 'UNKNOWN']);

export const ConsentChanged = defineEvent({
  service: 'marketing',
  name: 'ConsentChanged',
  version: 1,
  schema: z.object({
    accountId: z.uuid(),
    channel: marketingChannelSchema,
    state: consentStateSchema,
    previousState: consentStateSchema,
    source: z.string().min(1),
    changedAt: isoDateTimeSchema,
  }),
});

export const CampaignLaunched = defineEvent({
  service: 'marketing',
  name: 'CampaignLaunched',
  version: 1,
  schema: z.object({
    campaignId: z.uuid(),
    name: z.string(),
    channel: marketingChannelSchema,
    segmentId: z.uuid(),
    targeted: z.number().int().nonnegative(),
    skippedNoConsent: z.number().int().nonnegative(),
    launchedAt: isoDateTimeSchema,
  }),
});

const campaignMessageFacts = z.object({
  campaignId: z.uuid(),
  campaignName: z.string(),
  channel: marketingChannelSchema,
  accountId: z.uuid(),
});

export const CampaignMessageSent = defineEvent({
  service: 'marketing',
  name: 'CampaignMessageSent',
  version: 1,
  schema: campaignMessageFacts.extend({ sentAt: isoDateTimeSchema }),
});

export const CampaignMessageOpened = defineEvent({
  service: 'marketing',
  name: 'CampaignMessageOpened',
  version: 1,
  schema: campaignMessageFacts.extend({ openedAt: isoDateTimeSchema }),
});

export const CampaignLinkClicked = defineEvent({
  service: 'marketing',
  name: 'CampaignLinkClicked',
  version: 1,
  schema: campaignMessageFacts.extend({ url: z.string(), clickedAt: isoDateTimeSchema }),
});

export const VisitRecorded = defineEvent({
  service: 'marketing',
  name: 'VisitRecorded',
  version: 1,
  schema: z.object({
    visitId: z.uuid(),
    visitorId: z.string().min(1),
    accountId: z.uuid().nullable(),
    url: z.string(),
    utmSource: z.string().nullable(),
    utmMedium: z.string().nullable(),
    utmCampaign: z.string().nullable(),
    campaignId: z.uuid().nullable(),
    visitedAt: isoDateTimeSchema,
  }),
});

export const marketingEvents = [
  ConsentChanged,
  CampaignLaunched,
  CampaignMessageSent,
  CampaignMessageOpened,
  CampaignLinkClicked,
  VisitRecorded,
];
