import type { SubgraphContext } from '@crm/subgraph';
import type { InteractionsLoaders } from './loaders';

export type InteractionsContext = SubgraphContext<InteractionsLoaders>;
