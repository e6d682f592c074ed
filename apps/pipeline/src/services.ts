import type { TenantScopedDatabase } from '@crm/database';
import { LeadService, type LeadSettings } from './lead/lead.service';
import { OpportunityReads } from './opportunity/opportunity.reads';
import { OpportunityService } from './opportunity/opportunity.service';
import { PipelineService } from './pipeline/pipeline.service';
import { QuoteService } from './quote/quote.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface PipelineServices {
  database: TenantScopedDatabase;
  leads: LeadService;
  pipelines: PipelineService;
  opportunities: OpportunityService;
  opportunityReads: OpportunityReads;
  quotes: QuoteService;
}

export function createPipelineServices(
  database: TenantScopedDatabase,
  settings: LeadSettings,
): PipelineServices {
  return {
    database,
    leads: new LeadService(database, settings),
    pipelines: new PipelineService(database),
    opportunities: new OpportunityService(database, { currency: settings.currency }),
    opportunityReads: new OpportunityReads(database),
    quotes: new QuoteService(database),
  };
}
