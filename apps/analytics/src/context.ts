import type { SubgraphContext } from '@crm/subgraph';
import type { AnalyticsLoaders } from './loaders';

export type AnalyticsContext = SubgraphContext<AnalyticsLoaders>;
