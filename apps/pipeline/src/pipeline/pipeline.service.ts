import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { type Caller, queryableIds } from '@crm/subgraph';
import { SALES_MODELS, type SalesModel } from '../common/enums';
import { findInTenantByIds } from '../common/tenant-rows';
import { publishPipelineDefined } from '../events/publishers';
import type { PipelineInput } from '../generated/graphql';
import { DEFAULT_PIPELINES, type PipelineDefinition } from './pipeline.defaults';
import { PipelineEntity } from './pipeline.entity';
import { validatePipelineInput } from './pipeline.validation';
import { StageEntity } from './stage.entity';

export interface PipelineWithStages {
  pipeline: PipelineEntity;
  /** In position order. */
  stages: StageEntity[];
}

export class PipelineService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** The tenant's pipelines, defaults first; the defaults are created on first use. */
  listPipelines(caller: Caller, salesModel: SalesModel | null | undefined): Promise<PipelineEntity[]> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      for (const model of salesModel ? [salesModel] : SALES_MODELS)
        await ensureDefaultPipeline(manager, caller.tenantId, model, caller.userId);
      const query = manager
        .createQueryBuilder(PipelineEntity, 'pipeline')
        .where('pipeline.tenantId = :tenantId', { tenantId: caller.tenantId });
      if (salesModel) query.andWhere('pipeline.salesModel = :salesModel', { salesModel });
      return query
        .orderBy('pipeline.isDefault', 'DESC')
        .addOrderBy('pipeline.salesModel')
        .addOrderBy('pipeline.createdAt')
        .getMany();
    });
  }

  async createPipeline(caller: Caller, input: PipelineInput): Promise<PipelineEntity> {
    const definition = validatePipelineInput(input);
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const { pipeline } = await insertPipeline(manager, caller, definition, false);
      return pipeline;
    });
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<(PipelineEntity | null)[]> {
    return findInTenantByIds(this.database, PipelineEntity, tenantId, ids);
  }

  findStagesByIds(tenantId: string, ids: readonly string[]): Promise<(StageEntity | null)[]> {
    return findInTenantByIds(this.database, StageEntity, tenantId, ids);
  }

  async stagesOfPipelines(tenantId: string, pipelineIds: readonly string[]): Promise<StageEntity[][]> {
    const wanted = queryableIds(pipelineIds);
    const rows =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) => stagesOf(manager, tenantId, wanted));
    return pipelineIds.map((id) => rows.filter((stage) => stage.pipelineId === id));
  }
}

export function stagesOf(
  manager: EntityManager,
  tenantId: string,
  pipelineIds: readonly string[],
): Promise<StageEntity[]> {
  return manager
    .createQueryBuilder(StageEntity, 'stage')
    .where('stage.tenantId = :tenantId AND stage.pipelineId = ANY(:pipelineIds)', { tenantId, pipelineIds })
    .orderBy('stage.pipelineId')
    .addOrderBy('stage.position')
    .getMany();
}

/** The pipeline with its stages, inside the caller's transaction; null when it is not the tenant's. */
export async function findPipelineWithStages(
  manager: EntityManager,
  tenantId: string,
  pipelineId: string,
): Promise<PipelineWithStages | null> {
  const pipeline = await manager.findOne(PipelineEntity, { where: { tenantId, id: pipelineId } });
  if (!pipeline) return null;
  return { pipeline, stages: await stagesOf(manager, tenantId, [pipelineId]) };
}

/**
 * The tenant's default pipeline for the sales model, created (and announced) on first use. A
 * transaction-scoped advisory lock per tenant makes two first uses at once create it only once.
 */
export async function ensureDefaultPipeline(
  manager: EntityManager,
  tenantId: string,
  salesModel: SalesModel,
  actorId: string,
): Promise<PipelineWithStages> {
  const existing = await findDefaultPipeline(manager, tenantId, salesModel);
  if (existing) return existing;
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `pipeline.defaults:${tenantId}`,
  ]);
  return (
    (await findDefaultPipeline(manager, tenantId, salesModel)) ??
    insertPipeline(manager, { tenantId, userId: actorId }, DEFAULT_PIPELINES[salesModel], true)
  );
}

async function findDefaultPipeline(
  manager: EntityManager,
  tenantId: string,
  salesModel: SalesModel,
): Promise<PipelineWithStages | null> {
  const pipeline = await manager.findOne(PipelineEntity, {
    where: { tenantId, salesModel, isDefault: true },
  });
  if (!pipeline) return null;
  return { pipeline, stages: await stagesOf(manager, tenantId, [pipeline.id]) };
}

async function insertPipeline(
  manager: EntityManager,
  caller: Pick<Caller, 'tenantId' | 'userId'>,
  definition: PipelineDefinition,
  isDefault: boolean,
): Promise<PipelineWithStages> {
  const pipeline = manager.create(PipelineEntity, {
    tenantId: caller.tenantId,
    id: uuidv7(),
    name: definition.name,
    salesModel: definition.salesModel,
    isDefault,
  });
  await manager.insert(PipelineEntity, pipeline);
  const stages = definition.stages.map((stage, index) =>
    manager.create(StageEntity, {
      ...stage,
      tenantId: caller.tenantId,
      id: uuidv7(),
      pipelineId: pipeline.id,
      position: index + 1,
    }),
  );
  await manager.insert(StageEntity, stages);
  await publishPipelineDefined(manager, pipeline, stages, caller.userId);
  return { pipeline, stages };
}
