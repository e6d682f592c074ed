import type { AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who works leads, opportunities and quotes; MARKETER and ANALYST only read them. */
const SALES_WRITERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP'];
/** Pipelines shape every team's process: configured by admins. */
const ADMIN_ONLY: readonly Role[] = ['ADMIN'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const pipelineAccessRules = {
  Query: {
    lead: EVERY_ROLE,
    leads: EVERY_ROLE,
    pipelines: EVERY_ROLE,
    opportunity: EVERY_ROLE,
    opportunities: EVERY_ROLE,
    opportunityBoard: EVERY_ROLE,
    quote: EVERY_ROLE,
  },
  Mutation: {
    createLead: SALES_WRITERS,
    qualifyLead: SALES_WRITERS,
    disqualifyLead: SALES_WRITERS,
    convertLead: SALES_WRITERS,
    createPipeline: ADMIN_ONLY,
    createOpportunity: SALES_WRITERS,
    moveOpportunity: SALES_WRITERS,
    reopenOpportunity: SALES_WRITERS,
    updateOpportunity: SALES_WRITERS,
    markOpportunityLost: SALES_WRITERS,
    setOpportunityContactRole: SALES_WRITERS,
    setLineItems: SALES_WRITERS,
    createQuote: SALES_WRITERS,
    sendQuote: SALES_WRITERS,
    acceptQuote: SALES_WRITERS,
    rejectQuote: SALES_WRITERS,
  },
} satisfies AccessRules;
