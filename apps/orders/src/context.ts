import type { SubgraphContext } from '@crm/subgraph';
import type { OrdersLoaders } from './loaders';

export type OrdersContext = SubgraphContext<OrdersLoaders>;
