import type { SubgraphContext } from '@crm/subgraph';
import type { PipelineLoaders } from './loaders';

export type PipelineContext = SubgraphContext<PipelineLoaders>;
