import { customerDataExportResolvers } from './export/customer-data-export.resolvers';
import type { Resolvers } from './generated/graphql';
import { leadResolvers } from './lead/lead.resolvers';
import { opportunityResolvers } from './opportunity/opportunity.resolvers';
import { pipelineResolvers } from './pipeline/pipeline.resolvers';
import { quoteResolvers } from './quote/quote.resolvers';
import type { PipelineServices } from './services';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createPipelineResolvers(services: PipelineServices): Resolvers {
  const leads = leadResolvers(services.leads);
  const pipelines = pipelineResolvers(services.pipelines);
  const opportunities = opportunityResolvers(services.opportunities, services.opportunityReads);
  const quotes = quoteResolvers(services.quotes);
  return {
    Query: { ...leads.Query, ...pipelines.Query, ...opportunities.Query, ...quotes.Query },
    Mutation: { ...leads.Mutation, ...pipelines.Mutation, ...opportunities.Mutation, ...quotes.Mutation },
    Lead: leads.Lead,
    Pipeline: pipelines.Pipeline,
    Opportunity: opportunities.Opportunity,
    OpportunityContactRole: opportunities.OpportunityContactRole,
    StageVisit: opportunities.StageVisit,
    Account: opportunities.Account,
    Contact: opportunities.Contact,
    Quote: quotes.Quote,
    LineItem: quotes.LineItem,
    CustomerDataExport: customerDataExportResolvers.CustomerDataExport,
  };
}
