import { requireCaller, type Caller } from '@crm/subgraph';
import {
  createCustomerDataExportLoaders,
  type CustomerDataExportLoaders,
} from './export/customer-data-export.loaders';
import { createLeadLoaders, type LeadLoaders } from './lead/lead.loaders';
import { createOpportunityLoaders, type OpportunityLoaders } from './opportunity/opportunity.loaders';
import {
  createPipelineLoaders,
  type PipelineLoaders as PipelineAggregateLoaders,
} from './pipeline/pipeline.loaders';
import { createQuoteLoaders, type QuoteLoaders } from './quote/quote.loaders';
import type { PipelineServices } from './services';

/** Per request, so batching and caching never cross requests or tenants. */
export interface PipelineLoaders {
  leads: LeadLoaders;
  pipelines: PipelineAggregateLoaders;
  opportunities: OpportunityLoaders;
  quotes: QuoteLoaders;
  exports: CustomerDataExportLoaders;
}

export function pipelineLoaderFactory(
  services: PipelineServices,
): (caller: Caller | null) => PipelineLoaders {
  return (caller) => {
    const callerTenantId = () => requireCaller({ caller }).tenantId;
    return {
      leads: createLeadLoaders(services.leads, callerTenantId),
      pipelines: createPipelineLoaders(services.pipelines, callerTenantId),
      opportunities: createOpportunityLoaders(services.opportunityReads, callerTenantId),
      quotes: createQuoteLoaders(services.quotes, callerTenantId),
      exports: createCustomerDataExportLoaders(services.database, callerTenantId),
    };
  };
}
