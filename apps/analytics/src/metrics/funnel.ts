import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@crm/subgraph';
import { dealConditions } from './deal-metrics';
import type { MetricsWindow } from './metrics-window';
import { ratio } from './money';

export interface FunnelStage {
  stageName: string;
  reached: number;
  conversionToNext: number | null;
  averageDaysInStage: number | null;
}

export interface Funnel {
  pipelineId: string;
  cohortSize: number;
  stages: FunnelStage[];
  overallConversion: number;
}

/**
 * Cohort: the pipeline's deals created in [from, to). A deal reached a stage when it entered that
 * stage or any later one (by position; LOST stages are not funnel steps, so a lost deal counts as
 * far as it got). Days in stage: mean length of the cohort's completed visits of the stage.
 */
export async function funnel(
  manager: EntityManager,
  query: { tenantId: string; pipelineId: string; window: MetricsWindow },
): Promise<Funnel> {
  const { window, tenantId, pipelineId } = query;
  const stages: Array<{ stage_id: string; name: string; position: number }> = await manager.query(
    `SELECT "stage_id", "name", "position" FROM "pipeline_stage_dim"
     WHERE "tenant_id" = $1 AND "pipeline_id" = $2 AND "type" <> 'LOST' ORDER BY "position", "stage_id"`,
    [tenantId, pipelineId],
  );
  if (stages.length === 0) throw new NotFoundError('Pipeline', pipelineId);

  const cohort = dealConditions([tenantId, pipelineId, window.from, window.to], window);
  const cohortSql = `SELECT o."opportunity_id" FROM "opportunity_fact" o
     WHERE o."tenant_id" = $1 AND o."pipeline_id" = $2 AND o."created_at" >= $3 AND o."created_at" < $4
       AND ${cohort.sql}`;
  const furthest: Array<{ position: number | null }> = await manager.query(
    `WITH cohort AS (${cohortSql})
     SELECT MAX(d."position") AS "position"
     FROM cohort
     LEFT JOIN "stage_visit_fact" v ON v."tenant_id" = $1 AND v."opportunity_id" = cohort."opportunity_id"
     LEFT JOIN "pipeline_stage_dim" d ON d."tenant_id" = $1 AND d."pipeline_id" = $2
       AND d."stage_id" = v."stage_id" AND d."type" <> 'LOST'
     GROUP BY cohort."opportunity_id"`,
    cohort.parameters,
  );
  const stageDays: Array<{ stage_id: string; days: number }> = await manager.query(
    `WITH cohort AS (${cohortSql})
     SELECT v."stage_id", AVG(EXTRACT(EPOCH FROM v."exited_at" - v."entered_at") / 86400)::float8 AS "days"
     FROM cohort JOIN "stage_visit_fact" v ON v."tenant_id" = $1 AND v."opportunity_id" = cohort."opportunity_id"
     WHERE v."exited_at" IS NOT NULL
     GROUP BY v."stage_id"`,
    cohort.parameters,
  );
  const daysByStage = new Map(stageDays.map((row) => [row.stage_id, row.days]));
  const reached = stages.map(
    (stage) => furthest.filter((deal) => deal.position !== null && deal.position >= stage.position).length,
  );
  const cohortSize = furthest.length;
  return {
    pipelineId,
    cohortSize,
    stages: stages.map((stage, index) => ({
      stageName: stage.name,
      reached: reached[index],
      conversionToNext: index + 1 < stages.length ? ratio(reached[index + 1], reached[index]) : null,
      averageDaysInStage: daysByStage.get(stage.stage_id) ?? null,
    })),
    overallConversion: ratio(reached[reached.length - 1], cohortSize) ?? 0,
  };
}
