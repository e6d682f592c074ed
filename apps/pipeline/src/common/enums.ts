/** The contract's enums as values, shared by entities, validation and the migrations' CREATE TYPE. */
export const SALES_MODELS = ['B2B', 'B2C'] as const;
export type SalesModel = (typeof SALES_MODELS)[number];

export const LEAD_STATUSES = ['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_SOURCES = [
  'WEB',
  'REFERRAL',
  'CAMPAIGN',
  'EVENT',
  'COLD_CALL',
  'PARTNER',
  'OTHER',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const STAGE_TYPES = ['OPEN', 'WON', 'LOST'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export const FORECAST_CATEGORIES = ['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const QUOTE_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
