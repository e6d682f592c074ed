import type { EntityManager } from 'typeorm';
import { FieldErrors } from '@crm/subgraph';
import { isKnownTimeZone } from './time-zone';

export interface AnalyticsSettings {
  timeZone: string;
  reportingCurrency: string;
}

/** The tenant's settings, or the service defaults until an ADMIN configures its own. */
export async function readAnalyticsSettings(
  manager: EntityManager,
  tenantId: string,
  defaults: AnalyticsSettings,
): Promise<AnalyticsSettings> {
  const rows: Array<{ time_zone: string; reporting_currency: string }> = await manager.query(
    `SELECT "time_zone", "reporting_currency" FROM "analytics_settings" WHERE "tenant_id" = $1`,
    [tenantId],
  );
  const row = rows[0];
  return row ? { timeZone: row.time_zone, reportingCurrency: row.reporting_currency } : defaults;
}

/** Rejects a zone PostgreSQL or the runtime does not know: both must cut days identically. */
export async function validateAnalyticsSettings(
  manager: EntityManager,
  input: AnalyticsSettings,
): Promise<void> {
  const errors = new FieldErrors('input');
  const known: unknown[] = await manager.query(`SELECT 1 FROM pg_timezone_names WHERE "name" = $1`, [
    input.timeZone,
  ]);
  if (!isKnownTimeZone(input.timeZone) || known.length === 0) {
    errors.add('timeZone', 'must be an IANA time zone such as Asia/Tehran or UTC');
  }
  if (!/^[A-Z]{3}$/.test(input.reportingCurrency)) {
    errors.add('reportingCurrency', 'must be an ISO 4217 code such as IRR');
  }
  errors.throwIfAny();
}
