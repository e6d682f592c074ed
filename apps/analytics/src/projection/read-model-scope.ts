import type { EntityManager } from 'typeorm';

/** What every projection step needs besides the event: its transaction and the tenant's defaults. */
export interface ProjectionScope {
  manager: EntityManager;
  tenantId: string;
  /** The zone days are cut in until the tenant configures its own (analytics_settings). */
  defaultTimeZone: string;
}

/** Rollup keys cannot be NULL (they are primary-key columns): "no owner"/"no campaign" is this. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
