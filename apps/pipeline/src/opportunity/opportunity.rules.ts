import type { StageEntity } from '../pipeline/stage.entity';
import type { OpportunityEntity } from './opportunity.entity';

/** The override while there is one, otherwise the stage's. */
export function effectiveProbability(
  opportunity: Pick<OpportunityEntity, 'probabilityOverride'>,
  stage: Pick<StageEntity, 'probability'>,
): number {
  return opportunity.probabilityOverride ?? stage.probability;
}

export function isClosedStage(stage: Pick<StageEntity, 'type'>): boolean {
  return stage.type !== 'OPEN';
}

export type MoveRefusal =
  | { kind: 'other-pipeline' }
  | { kind: 'closed'; stageName: string }
  | { kind: 'lost-needs-reason' }
  | { kind: 'not-closed' }
  | { kind: 'reopen-into-closed-stage' };

/**
 * Why `moveOpportunity` may not put the opportunity into `target`, or null when it may. A closed
 * deal moves only through an explicit reopen; a LOST stage needs the reason.
 */
export function moveRefusal(
  current: StageEntity,
  target: StageEntity,
  lostReason: string | null,
): MoveRefusal | null {
  if (target.pipelineId !== current.pipelineId) return { kind: 'other-pipeline' };
  if (isClosedStage(current)) return { kind: 'closed', stageName: current.name };
  if (target.type === 'LOST' && !lostReason) return { kind: 'lost-needs-reason' };
  return null;
}

/** Why `reopenOpportunity` may not put the opportunity back into `target`, or null when it may. */
export function reopenRefusal(current: StageEntity, target: StageEntity): MoveRefusal | null {
  if (target.pipelineId !== current.pipelineId) return { kind: 'other-pipeline' };
  if (!isClosedStage(current)) return { kind: 'not-closed' };
  if (isClosedStage(target)) return { kind: 'reopen-into-closed-stage' };
  return null;
}
