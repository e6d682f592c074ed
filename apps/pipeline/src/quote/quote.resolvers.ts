import { requireCaller } from '@crm/subgraph';
import { money } from '../common/money';
import { todayInUtc } from '../common/field-rules';
import type { Resolvers } from '../generated/graphql';
import type { OpportunityEntity } from '../opportunity/opportunity.entity';
import { effectiveQuoteStatus } from './quote-status.machine';
import type { QuoteService } from './quote.service';

export function quoteResolvers(quotes: QuoteService): Resolvers {
  return {
    Query: {
      quote: (_root, args, context) => context.loaders.quotes.byId.load(args.id),
    },
    Mutation: {
      createQuote: (_root, args, context) => quotes.createQuote(requireCaller(context), args.input),
      sendQuote: (_root, args, context) =>
        quotes.sendQuote(requireCaller(context), args.id, args.toContactId),
      acceptQuote: (_root, args, context) => quotes.acceptQuote(requireCaller(context), args.id),
      rejectQuote: (_root, args, context) => quotes.rejectQuote(requireCaller(context), args.id, args.reason),
    },
    Quote: {
      __resolveReference: (reference, context) =>
        typeof reference.id === 'string' ? context.loaders.quotes.byId.load(reference.id) : null,
      status: (quote) => effectiveQuoteStatus(quote, todayInUtc()),
      opportunity: async (quote, _args, context) =>
        (await context.loaders.opportunities.byId.load(quote.opportunityId)) as OpportunityEntity,
      lineItems: (quote, _args, context) => context.loaders.quotes.linesOfQuote.load(quote.id),
      subtotal: (quote) => money(BigInt(quote.subtotalMinor), quote.currency),
      discount: (quote) => money(BigInt(quote.discountMinor), quote.currency),
      tax: (quote) => money(BigInt(quote.taxMinor), quote.currency),
      total: (quote) => money(BigInt(quote.totalMinor), quote.currency),
    },
    LineItem: {
      product: (line) => (line.productId ? { id: line.productId } : null),
      unitPrice: (line) => money(BigInt(line.unitPriceMinor), line.currency),
      discountPercent: (line) => line.discountBasisPoints / 100,
      taxRatePercent: (line) => line.taxRateBasisPoints / 100,
      tax: (line) => money(BigInt(line.taxMinor), line.currency),
      total: (line) => money(BigInt(line.totalMinor), line.currency),
    },
  };
}
