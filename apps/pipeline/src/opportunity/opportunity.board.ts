import type { Money } from '../common/money';
import type { StageEntity } from '../pipeline/stage.entity';
import type { OpportunityEntity } from './opportunity.entity';

/** One kanban column: an OPEN stage, how many deals it holds, their sum per currency, the newest of them. */
export interface BoardColumnModel {
  stage: StageEntity;
  count: number;
  amountTotals: Money[];
  opportunities: OpportunityEntity[];
}
