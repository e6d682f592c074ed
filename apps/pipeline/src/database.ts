import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { AccountProfileEntity } from './account-profile/account-profile.entity';
import { LeadEntity } from './lead/lead.entity';
import { pipelineMigrations } from './migrations';
import { ContactRoleEntity } from './opportunity/contact-role.entity';
import { OpportunityEntity } from './opportunity/opportunity.entity';
import { StageVisitEntity } from './opportunity/stage-visit.entity';
import { PipelineEntity } from './pipeline/pipeline.entity';
import { StageEntity } from './pipeline/stage.entity';
import { PriceListEntity } from './pricing/price-list.entity';
import { PriceListEntryEntity } from './pricing/price-list-entry.entity';
import { ProductEntity } from './pricing/product.entity';
import { LineItemEntity } from './quote/line-item.entity';
import { QuoteCounterEntity } from './quote/quote-counter.entity';
import { QuoteEntity } from './quote/quote.entity';

export const pipelineEntities = [
  LeadEntity,
  PipelineEntity,
  StageEntity,
  OpportunityEntity,
  ContactRoleEntity,
  StageVisitEntity,
  QuoteEntity,
  LineItemEntity,
  QuoteCounterEntity,
  ProductEntity,
  PriceListEntity,
  PriceListEntryEntity,
  AccountProfileEntity,
];

/** The one description of the pipeline database, shared by the service, migrations and tests. */
export function pipelineDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-pipeline',
    entities: pipelineEntities,
    migrations: pipelineMigrations,
    ...overrides,
  };
}

export function createPipelineDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(pipelineDatabaseOptions(url, overrides));
}
