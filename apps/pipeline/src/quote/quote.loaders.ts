import DataLoader from 'dataloader';
import type { LineItemEntity } from './line-item.entity';
import type { QuoteEntity } from './quote.entity';
import type { QuoteService } from './quote.service';

export interface QuoteLoaders {
  byId: DataLoader<string, QuoteEntity | null>;
  byOpportunity: DataLoader<string, QuoteEntity[]>;
  linesOfQuote: DataLoader<string, LineItemEntity[]>;
  linesOfOpportunity: DataLoader<string, LineItemEntity[]>;
}

export function createQuoteLoaders(quotes: QuoteService, callerTenantId: () => string): QuoteLoaders {
  return {
    byId: new DataLoader((ids) => quotes.findByIds(callerTenantId(), ids)),
    byOpportunity: new DataLoader((ids) => quotes.quotesOfOpportunities(callerTenantId(), ids)),
    linesOfQuote: new DataLoader((ids) => quotes.linesOfQuotes(callerTenantId(), ids)),
    linesOfOpportunity: new DataLoader((ids) => quotes.linesOfOpportunities(callerTenantId(), ids)),
  };
}
