import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { refreshRfmScores } from './rfm-scores';

export interface RfmRefresherOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  windowDays: number;
  intervalMs: number;
}

/**
 * Refreshes every tenant's RFM quintiles now and then every `intervalMs`: segments read the stored
 * scores, so an RFM rule costs what any other rule costs. Quintiles move slowly (a year's window);
 * a score is at most one interval old.
 */
export class RfmRefresher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: RfmRefresherOptions) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every tenant; each tenant in its own transaction and scope. */
  async refreshAll(asOf = new Date()): Promise<void> {
    const { database, windowDays } = this.options;
    const tenants: { tenants_with_profiles: string }[] = await database.dataSource.query(
      `SELECT "tenants_with_profiles"()`,
    );
    for (const { tenants_with_profiles: tenantId } of tenants) {
      if (this.stopped) return;
      await database.inTenant(tenantId, (manager) => refreshRfmScores(manager, tenantId, asOf, windowDays));
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.refreshAll()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'RFM refresh failed'))
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
  }
}
