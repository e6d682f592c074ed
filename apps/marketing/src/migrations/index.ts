import { CreateCustomerProfiles1764259200000 } from './1764259200000-create-customer-profiles';
import { CreateConsentsSegmentsCampaigns1764259200001 } from './1764259200001-create-consents-segments-campaigns';
import { CreateOutboxAndInbox1764259200002 } from './1764259200002-create-outbox-and-inbox';
import { CreateSenderWorkFunction1764259200003 } from './1764259200003-create-sender-work-function';
import { AddRfmScores1764259200004 } from './1764259200004-add-rfm-scores';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const marketingMigrations = [
  CreateCustomerProfiles1764259200000,
  CreateConsentsSegmentsCampaigns1764259200001,
  CreateOutboxAndInbox1764259200002,
  CreateSenderWorkFunction1764259200003,
  AddRfmScores1764259200004,
];
