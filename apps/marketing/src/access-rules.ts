import type { AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who runs marketing: segments and campaigns reach customers, so only these roles create or send. */
const MARKETERS: readonly Role[] = ['ADMIN', 'MANAGER', 'MARKETER'];
/** A consent is recorded by whoever talks to the customer (e.g. a rep on the phone hears "stop"). */
const CONSENT_RECORDERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const marketingAccessRules = {
  Query: {
    segments: EVERY_ROLE,
    previewSegment: MARKETERS,
    campaign: EVERY_ROLE,
    campaigns: EVERY_ROLE,
  },
  Mutation: {
    setConsent: CONSENT_RECORDERS,
    createSegment: MARKETERS,
    createCampaign: MARKETERS,
    launchCampaign: MARKETERS,
    cancelCampaign: MARKETERS,
    recordVisit: CONSENT_RECORDERS,
  },
} satisfies AccessRules;
