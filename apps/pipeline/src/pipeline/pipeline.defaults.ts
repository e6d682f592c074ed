import type { ForecastCategory, SalesModel, StageType } from '../common/enums';

export interface StageDefinition {
  name: string;
  probability: number;
  type: StageType;
  forecastCategory: ForecastCategory;
}

export interface PipelineDefinition {
  name: string;
  salesModel: SalesModel;
  stages: StageDefinition[];
}

/** What every tenant gets on first use: a long B2B negotiation and a short B2C funnel. */
export const DEFAULT_PIPELINES: Record<SalesModel, PipelineDefinition> = {
  B2B: {
    name: 'B2B sales',
    salesModel: 'B2B',
    stages: [
      { name: 'Qualification', probability: 10, type: 'OPEN', forecastCategory: 'PIPELINE' },
      { name: 'Needs analysis', probability: 20, type: 'OPEN', forecastCategory: 'PIPELINE' },
      { name: 'Proposal', probability: 50, type: 'OPEN', forecastCategory: 'BEST_CASE' },
      { name: 'Negotiation', probability: 75, type: 'OPEN', forecastCategory: 'COMMIT' },
      { name: 'Won', probability: 100, type: 'WON', forecastCategory: 'CLOSED' },
      { name: 'Lost', probability: 0, type: 'LOST', forecastCategory: 'OMITTED' },
    ],
  },
  B2C: {
    name: 'B2C sales',
    salesModel: 'B2C',
    stages: [
      { name: 'New', probability: 10, type: 'OPEN', forecastCategory: 'PIPELINE' },
      { name: 'Contacted', probability: 30, type: 'OPEN', forecastCategory: 'PIPELINE' },
      { name: 'Offer', probability: 60, type: 'OPEN', forecastCategory: 'BEST_CASE' },
      { name: 'Won', probability: 100, type: 'WON', forecastCategory: 'CLOSED' },
      { name: 'Lost', probability: 0, type: 'LOST', forecastCategory: 'OMITTED' },
    ],
  },
};

/** A stage defined without a forecast category gets the one its type implies. */
export function defaultForecastCategory(type: StageType): ForecastCategory {
  if (type === 'WON') return 'CLOSED';
  if (type === 'LOST') return 'OMITTED';
  return 'PIPELINE';
}
