import type { DataSource, EntityManager } from 'typeorm';

/**
 * Work that runs without a tenant on purpose, each with its own row-level-security policy
 * (see `row-level-security.ts`). Request paths never use these.
 */
export type SystemContext =
  | 'outbox-relay'
  | 'inbox-retention'
  | 'authentication'
  /** A scheduler finding which tenants have due work; it then does that work in each tenant's scope. */
  | 'scheduler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant-scoped unit of work: every transaction starts by telling PostgreSQL whose data it may
 * see, so row-level security holds even where a query forgot its `tenant_id` filter. `set_config`
 * with is_local = true lasts only until the transaction ends, so a pooled connection never carries
 * one tenant's scope into another's work.
 */
export class TenantScopedDatabase {
  constructor(readonly dataSource: DataSource) {}

  // async so that a malformed id is a rejected promise, like every other failure of the unit of work,
  // rather than a synchronous throw that escapes `.catch()` chains.
  async inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error(`refusing a tenant scope for a malformed tenant id`);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(manager);
    });
  }

  inSystemContext<T>(context: SystemContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.system_context', $1, true)`, [context]);
      return work(manager);
    });
  }
}
