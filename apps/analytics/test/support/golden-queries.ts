import { dataOf } from '@crm/testing';
import type { AnalyticsHarness } from './analytics-harness';
import { DATASET_END, DATASET_START, type GoldenDataset, type SalesModel } from './golden-dataset';
import {
  expectedCampaignPerformance,
  expectedCohortRetention,
  expectedConversionRates,
  expectedDealMetrics,
  expectedForecast,
  expectedFunnel,
  expectedInsights,
  expectedInteractionStats,
  expectedSalesPerformance,
  expectedTopCustomers,
} from './golden-figures';

const MONEY = 'amountMinor currency';
const SALES = `total { ${MONEY} } orders averageOrderValue { ${MONEY} }
  series { bucket bucketStart revenue { ${MONEY} } orders customers averageOrderValue { ${MONEY} } }
  bySalesModel { salesModel revenue { ${MONEY} } orders share }`;
const INSIGHTS = `insights { totalRevenue { ${MONEY} } orderCount firstOrderAt lastOrderAt lastInteractionAt rfm
  openPipeline { ${MONEY} } lifetimeValue { ${MONEY} } }`;

/** Every metric of the API for one filter, in one request. */
const FIGURES_QUERY = `query Figures($filter: MetricsFilter!, $pipelineId: ID!, $from: DateTime!, $to: DateTime!, $salesModel: SalesModel) {
  monthly: salesPerformance(filter: $filter, granularity: MONTH) { ${SALES} }
  jalali: salesPerformance(filter: $filter, granularity: MONTH, calendar: JALALI) { ${SALES} }
  dealMetrics(filter: $filter) { won lost winRate averageDealSize { ${MONEY} } medianSalesCycleDays
    pipelineVelocityPerDay { ${MONEY} } openWeightedPipeline { ${MONEY} } }
  funnel(pipelineId: $pipelineId, filter: $filter) { pipelineId cohortSize overallConversion
    stages { stageName reached conversionToNext averageDaysInStage } }
  conversionRates(filter: $filter) { leadToOpportunity leadToCustomer visitToOrder campaignToOrder }
  campaignPerformance(filter: $filter) { campaignId sent delivered openRate clickRate orders revenue { ${MONEY} } }
  interactionStats(filter: $filter) { byType { key count } byChannel { key count } byOwner { key count } }
  topCustomers(filter: $filter, limit: 5) { id ${INSIGHTS} }
  cohortRetention(from: $from, to: $to, salesModel: $salesModel) { cohort size retention }
  forecast(months: 6, salesModel: $salesModel) { month weighted { ${MONEY} } commit { ${MONEY} } bestCase { ${MONEY} } }
  freshness
}`;

/** Floats compared to 9 decimals: SQL and JS may round the last bit of a mean differently. */
export function normalised(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.round(value * 1e9) / 1e9;
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalised(item)]));
  }
  return value;
}

export async function queryFigures(
  harness: AnalyticsHarness,
  data: GoldenDataset,
  salesModel: SalesModel | null,
) {
  const variables = {
    filter: { from: DATASET_START.toISOString(), to: DATASET_END.toISOString(), salesModel },
    pipelineId: data.pipelineId,
    from: DATASET_START.toISOString(),
    to: DATASET_END.toISOString(),
    salesModel,
  };
  return normalised(dataOf(await harness.query(data.tenantId, FIGURES_QUERY, variables), 'Figures'));
}

const PRODUCT_SALES_QUERY = `query ProductSales($filter: MetricsFilter!) {
  salesPerformance(filter: $filter, granularity: MONTH) { ${SALES} }
}`;

/** salesPerformance of the orders that include one product: answered from the facts. */
export async function queryProductSales(harness: AnalyticsHarness, data: GoldenDataset, productId: string) {
  const filter = { from: DATASET_START.toISOString(), to: DATASET_END.toISOString(), productId };
  const result = dataOf(await harness.query(data.tenantId, PRODUCT_SALES_QUERY, { filter }), 'ProductSales');
  return normalised(result.salesPerformance);
}

export function expectedProductSales(data: GoldenDataset, productId: string) {
  return normalised(
    expectedSalesPerformance(
      data,
      { from: DATASET_START, to: DATASET_END, salesModel: null, productId },
      'GREGORIAN',
    ),
  );
}

export function expectedFigures(data: GoldenDataset, salesModel: SalesModel | null, now: Date) {
  const window = { from: DATASET_START, to: DATASET_END, salesModel };
  return normalised({
    monthly: expectedSalesPerformance(data, window, 'GREGORIAN'),
    jalali: expectedSalesPerformance(data, window, 'JALALI'),
    dealMetrics: expectedDealMetrics(data, window),
    funnel: expectedFunnel(data, window),
    conversionRates: expectedConversionRates(data, window),
    campaignPerformance: expectedCampaignPerformance(data, window),
    interactionStats: expectedInteractionStats(data, window),
    topCustomers: expectedTopCustomers(data, window, 5).map((id) => ({
      id,
      insights: expectedInsights(data, id, now),
    })),
    cohortRetention: expectedCohortRetention(data, window),
    forecast: expectedForecast(data, now, 6, salesModel),
    freshness: new Date(Math.max(...data.events.map((event) => Date.parse(event.time)))).toISOString(),
  });
}
