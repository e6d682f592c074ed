import type { StageEntity } from '../pipeline/stage.entity';
import { effectiveProbability, moveRefusal, reopenRefusal } from './opportunity.rules';

function stage(id: string, type: StageEntity['type'], pipelineId = 'p1'): StageEntity {
  return { id, type, pipelineId, name: id, probability: 10 } as StageEntity;
}

const open = stage('open', 'OPEN');
const nextOpen = stage('next', 'OPEN');
const won = stage('won', 'WON');
const lost = stage('lost', 'LOST');
const elsewhere = stage('elsewhere', 'OPEN', 'p2');

describe('opportunity rules', () => {
  it('takes the probability from the stage unless overridden', () => {
    expect(effectiveProbability({ probabilityOverride: null }, { probability: 20 })).toBe(20);
    expect(effectiveProbability({ probabilityOverride: 35 }, { probability: 20 })).toBe(35);
    expect(effectiveProbability({ probabilityOverride: 0 }, { probability: 20 })).toBe(0);
  });

  it.each<[string, StageEntity, StageEntity, string | null, string | null]>([
    ['open → open', open, nextOpen, null, null],
    ['open → won', open, won, null, null],
    ['open → lost with a reason', open, lost, 'price', null],
    ['open → lost without a reason', open, lost, null, 'lost-needs-reason'],
    ['open → a stage of another pipeline', open, elsewhere, null, 'other-pipeline'],
    ['won → open (needs a reopen)', won, open, null, 'closed'],
    ['lost → won (needs a reopen)', lost, won, null, 'closed'],
  ])('move %s', (_case, from, to, reason, refusal) => {
    expect(moveRefusal(from, to, reason)?.kind ?? null).toBe(refusal);
  });

  it.each<[string, StageEntity, StageEntity, string | null]>([
    ['won → open', won, open, null],
    ['lost → open', lost, open, null],
    ['open → open (not closed)', open, nextOpen, 'not-closed'],
    ['lost → won', lost, won, 'reopen-into-closed-stage'],
    ['won → another pipeline', won, elsewhere, 'other-pipeline'],
  ])('reopen %s', (_case, from, to, refusal) => {
    expect(reopenRefusal(from, to)?.kind ?? null).toBe(refusal);
  });
});
