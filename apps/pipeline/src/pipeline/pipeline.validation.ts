import { FieldErrors, LIMITS, requiredText } from '@crm/subgraph';
import type { PipelineInput } from '../generated/graphql';
import { defaultForecastCategory, type PipelineDefinition } from './pipeline.defaults';

const MAX_STAGES = 30;

/** A pipeline needs a way to win and a way to lose, and at least one stage to work in. */
export function validatePipelineInput(input: PipelineInput): PipelineDefinition {
  const errors = new FieldErrors('input');
  const name = requiredText(errors, 'name', input.name, LIMITS.name);
  if (input.stages.length > MAX_STAGES) errors.add('stages', `must have at most ${MAX_STAGES} stages`);
  const seen = new Set<string>();
  const stages = input.stages.map((stage, index) => {
    const at = (field: string) => `stages[${index}].${field}`;
    const stageName = requiredText(errors, at('name'), stage.name, LIMITS.shortText);
    if (seen.has(stageName.toLowerCase())) errors.add(at('name'), 'is the name of an earlier stage');
    seen.add(stageName.toLowerCase());
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100)
      errors.add(at('probability'), 'must be a whole percentage between 0 and 100');
    return {
      name: stageName,
      probability: stage.probability,
      type: stage.type,
      forecastCategory: stage.forecastCategory ?? defaultForecastCategory(stage.type),
    };
  });
  for (const type of ['OPEN', 'WON', 'LOST'] as const) {
    if (!stages.some((stage) => stage.type === type))
      errors.add('stages', `must include at least one ${type} stage`);
  }
  errors.throwIfAny();
  return { name, salesModel: input.salesModel, stages };
}
