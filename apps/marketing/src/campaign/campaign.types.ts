import type { MarketingChannel } from '../consent/consent.types';

export type CampaignStatus = 'DRAFT' | 'SCHEDULED' | 'SENDING' | 'SENT' | 'CANCELLED';
/** SENDING is internal (claimed, outcome not recorded yet); the API shows it as QUEUED. */
export type StoredRecipientStatus =
  | 'QUEUED'
  | 'SENDING'
  | 'SENT'
  | 'FAILED'
  | 'BOUNCED'
  | 'SKIPPED_NO_CONSENT'
  | 'OPENED'
  | 'CLICKED';

export interface CampaignRow {
  id: string;
  name: string;
  channel: MarketingChannel;
  status: CampaignStatus;
  segment_id: string;
  subject: string | null;
  body: string;
  scheduled_at: Date | null;
  launched_at: Date | null;
  version: number;
}

export const CAMPAIGN_COLUMNS = `"id", "name", "channel", "status", "segment_id", "subject", "body", "scheduled_at", "launched_at", "version"`;

export interface RecipientRow {
  campaign_id: string;
  account_id: string;
  status: StoredRecipientStatus;
  sent_at: Date | null;
  error: string | null;
}

export interface CampaignStatsRow {
  targeted: number;
  skippedNoConsent: number;
  sent: number;
  failed: number;
  opened: number;
  clicked: number;
}
