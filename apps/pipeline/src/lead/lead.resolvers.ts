import { requireCaller } from '@crm/subgraph';
import { referenceTo } from '../common/entity-reference';
import type { Resolvers } from '../generated/graphql';
import type { LeadService } from './lead.service';

export function leadResolvers(leads: LeadService): Resolvers {
  return {
    Query: {
      lead: (_root, args, context) => context.loaders.leads.byId.load(args.id),
      leads: (_root, args, context) =>
        leads.listLeads(requireCaller(context).tenantId, args.status, args.first, args.after),
    },
    Mutation: {
      createLead: (_root, args, context) => leads.createLead(requireCaller(context), args.input),
      qualifyLead: (_root, args, context) => leads.qualifyLead(requireCaller(context), args.id),
      disqualifyLead: (_root, args, context) =>
        leads.disqualifyLead(requireCaller(context), args.id, args.reason),
      convertLead: (_root, args, context) => leads.convertLead(requireCaller(context), args.input),
    },
    Lead: {
      __resolveReference: (reference, context) =>
        typeof reference.id === 'string' ? context.loaders.leads.byId.load(reference.id) : null,
      owner: (lead) => (lead.ownerId ? referenceTo(lead.ownerId) : null),
      convertedAccount: (lead) => (lead.convertedAccountId ? referenceTo(lead.convertedAccountId) : null),
      convertedContact: (lead) => (lead.convertedContactId ? referenceTo(lead.convertedContactId) : null),
      convertedOpportunity: (lead, _args, context) =>
        lead.convertedOpportunityId
          ? context.loaders.opportunities.byId.load(lead.convertedOpportunityId)
          : null,
    },
  };
}
