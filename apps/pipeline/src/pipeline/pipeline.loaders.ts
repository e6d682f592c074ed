import DataLoader from 'dataloader';
import type { PipelineEntity } from './pipeline.entity';
import type { PipelineService } from './pipeline.service';
import type { StageEntity } from './stage.entity';

export interface PipelineLoaders {
  byId: DataLoader<string, PipelineEntity | null>;
  stageById: DataLoader<string, StageEntity | null>;
  /** A pipeline's stages in position order. */
  stagesOf: DataLoader<string, StageEntity[]>;
}

export function createPipelineLoaders(
  pipelines: PipelineService,
  callerTenantId: () => string,
): PipelineLoaders {
  return {
    byId: new DataLoader((ids) => pipelines.findByIds(callerTenantId(), ids)),
    stageById: new DataLoader((ids) => pipelines.findStagesByIds(callerTenantId(), ids)),
    stagesOf: new DataLoader((ids) => pipelines.stagesOfPipelines(callerTenantId(), ids)),
  };
}
