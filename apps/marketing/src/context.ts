import type { SubgraphContext } from '@crm/subgraph';
import type { MarketingLoaders } from './loaders';

export type MarketingContext = SubgraphContext<MarketingLoaders>;
