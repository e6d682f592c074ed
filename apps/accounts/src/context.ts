import type { SubgraphContext } from '@crm/subgraph';
import type { AccountsLoaders } from './loaders';

export type AccountsContext = SubgraphContext<AccountsLoaders>;
