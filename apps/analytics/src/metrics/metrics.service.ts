import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, isUuid, NotFoundError, type Caller } from '@crm/subgraph';
import { recomputeSalesRollups } from '../projection/sales-rollup';
import {
  readAnalyticsSettings,
  validateAnalyticsSettings,
  type AnalyticsSettings,
} from '../settings/analytics-settings';
import { analyticsDataOf } from '../export/customer-data-export';
import { accountInsights, type AccountInsights } from './account-insights';
import type { CalendarSystem, Granularity } from './buckets';
import { campaignPerformance, type CampaignPerformance } from './campaign-performance';
import { cohortRetention, type CohortRow } from './cohort-retention';
import { conversionRates, type ConversionRates } from './conversion-rates';
import { dealMetrics, type DealMetrics } from './deal-metrics';
import { forecast, type ForecastPoint } from './forecast';
import { funnel, type Funnel } from './funnel';
import { interactionStats, type InteractionStats } from './interaction-stats';
import {
  metricsWindow,
  type MetricsFilterInput,
  type MetricsWindow,
  type SalesModel,
} from './metrics-window';
import { salesPerformance, type SalesPerformance } from './sales-performance';
import { topCustomers } from './top-customers';

interface TenantQuery {
  manager: EntityManager;
  tenantId: string;
  settings: AnalyticsSettings;
}

/** The analysts' API: every figure read inside the caller's tenant, in its zone and currency. */
export class MetricsService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly defaults: AnalyticsSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private inTenant<T>(caller: Caller, work: (query: TenantQuery) => Promise<T>): Promise<T> {
    return this.database.inTenant(caller.tenantId, async (manager) =>
      work({
        manager,
        tenantId: caller.tenantId,
        settings: await readAnalyticsSettings(manager, caller.tenantId, this.defaults),
      }),
    );
  }

  private withWindow<T>(
    caller: Caller,
    filter: MetricsFilterInput,
    work: (query: TenantQuery & { window: MetricsWindow; currency: string }) => Promise<T>,
  ): Promise<T> {
    return this.inTenant(caller, (query) =>
      work({
        ...query,
        window: metricsWindow(filter, query.settings.timeZone),
        currency: query.settings.reportingCurrency,
      }),
    );
  }

  settings(caller: Caller): Promise<AnalyticsSettings> {
    return this.inTenant(caller, async ({ settings }) => settings);
  }

  /** Saves the settings and re-derives the daily rollups, whose days depend on the zone. */
  configure(caller: Caller, input: AnalyticsSettings): Promise<AnalyticsSettings> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      await validateAnalyticsSettings(manager, input);
      const previous = await readAnalyticsSettings(manager, caller.tenantId, this.defaults);
      await manager.query(
        `INSERT INTO "analytics_settings" ("tenant_id", "time_zone", "reporting_currency") VALUES ($1, $2, $3)
         ON CONFLICT ("tenant_id") DO UPDATE SET "time_zone" = EXCLUDED."time_zone",
           "reporting_currency" = EXCLUDED."reporting_currency"`,
        [caller.tenantId, input.timeZone, input.reportingCurrency],
      );
      if (previous.timeZone !== input.timeZone) {
        await recomputeSalesRollups({
          manager,
          tenantId: caller.tenantId,
          defaultTimeZone: this.defaults.timeZone,
        });
      }
      return input;
    });
  }

  salesPerformance(
    caller: Caller,
    filter: MetricsFilterInput,
    granularity: Granularity,
    calendar: CalendarSystem,
  ): Promise<SalesPerformance> {
    return this.withWindow(caller, filter, ({ manager, tenantId, settings, window, currency }) =>
      salesPerformance(manager, {
        tenantId,
        timeZone: settings.timeZone,
        currency,
        window,
        granularity,
        calendar,
      }),
    );
  }

  funnel(caller: Caller, pipelineId: string, filter: MetricsFilterInput): Promise<Funnel> {
    if (!isUuid(pipelineId)) return Promise.reject(new NotFoundError('Pipeline', pipelineId));
    return this.withWindow(caller, filter, ({ manager, tenantId, window }) =>
      funnel(manager, { tenantId, pipelineId: canonicalUuid(pipelineId), window }),
    );
  }

  dealMetrics(caller: Caller, filter: MetricsFilterInput): Promise<DealMetrics> {
    return this.withWindow(caller, filter, ({ manager, tenantId, window, currency }) =>
      dealMetrics(manager, { tenantId, window, currency }),
    );
  }

  conversionRates(caller: Caller, filter: MetricsFilterInput): Promise<ConversionRates> {
    return this.withWindow(caller, filter, ({ manager, tenantId, window }) =>
      conversionRates(manager, { tenantId, window }),
    );
  }

  campaignPerformance(caller: Caller, filter: MetricsFilterInput): Promise<CampaignPerformance[]> {
    return this.withWindow(caller, filter, ({ manager, tenantId, window, currency }) =>
      campaignPerformance(manager, { tenantId, window, currency }),
    );
  }

  interactionStats(caller: Caller, filter: MetricsFilterInput): Promise<InteractionStats> {
    return this.withWindow(caller, filter, ({ manager, tenantId, window }) =>
      interactionStats(manager, { tenantId, window }),
    );
  }

  cohortRetention(caller: Caller, from: Date, to: Date, salesModel: SalesModel | null): Promise<CohortRow[]> {
    return this.inTenant(caller, ({ manager, tenantId, settings }) =>
      cohortRetention(manager, { tenantId, timeZone: settings.timeZone, from, to, salesModel }),
    );
  }

  forecast(caller: Caller, months: number, salesModel: SalesModel | null): Promise<ForecastPoint[]> {
    return this.inTenant(caller, ({ manager, tenantId, settings }) =>
      forecast(manager, {
        tenantId,
        timeZone: settings.timeZone,
        currency: settings.reportingCurrency,
        months,
        salesModel,
        now: this.clock(),
      }),
    );
  }

  topCustomers(caller: Caller, filter: MetricsFilterInput, limit: number): Promise<string[]> {
    return this.withWindow(caller, filter, ({ manager, tenantId, window, currency }) =>
      topCustomers(manager, { tenantId, window, currency, limit }),
    );
  }

  freshness(caller: Caller): Promise<Date | null> {
    return this.inTenant(caller, async ({ manager, tenantId }) => {
      const rows: Array<{ newest_event_at: Date }> = await manager.query(
        `SELECT "newest_event_at" FROM "event_watermark" WHERE "tenant_id" = $1`,
        [tenantId],
      );
      return rows[0]?.newest_event_at ?? null;
    });
  }

  accountInsights(caller: Caller, accountIds: string[]): Promise<Map<string, AccountInsights>> {
    return this.inTenant(caller, ({ manager, tenantId, settings }) =>
      accountInsights(manager, {
        tenantId,
        currency: settings.reportingCurrency,
        accountIds,
        now: this.clock(),
      }),
    );
  }

  customerData(caller: Caller, accountId: string): Promise<Record<string, unknown>> {
    return this.inTenant(caller, ({ manager, tenantId }) =>
      isUuid(accountId) ? analyticsDataOf(manager, tenantId, canonicalUuid(accountId)) : Promise.resolve({}),
    );
  }
}
