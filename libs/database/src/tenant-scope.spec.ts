import type { DataSource, EntityManager } from 'typeorm';
import { TenantScopedDatabase } from './tenant-scope';

function fakeDataSource() {
  const statements: { sql: string; parameters?: unknown[] }[] = [];
  const manager = {
    query: jest.fn(async (sql: string, parameters?: unknown[]) => {
      statements.push({ sql, parameters });
      return [];
    }),
  } as unknown as EntityManager;
  const dataSource = {
    transaction: jest.fn(async (work: (manager: EntityManager) => Promise<unknown>) => work(manager)),
  } as unknown as DataSource;
  return { dataSource, statements };
}

describe('TenantScopedDatabase', () => {
  it('declares the tenant as the first statement of the transaction, as a transaction-local setting', async () => {
    const { dataSource, statements } = fakeDataSource();
    const database = new TenantScopedDatabase(dataSource);
    const tenantId = '0190f7c2-0000-7000-8000-000000000001';

    await database.inTenant(tenantId, (manager) => manager.query('SELECT 1'));

    expect(statements).toEqual([
      { sql: `SELECT set_config('app.tenant_id', $1, true)`, parameters: [tenantId] },
      { sql: 'SELECT 1', parameters: undefined },
    ]);
  });

  it.each(['', 'tenant-a', "0190f7c2-0000-7000-8000-000000000001'; --", '0190f7c2000070008000000000000001'])(
    'rejects the malformed tenant id %j without opening a transaction',
    async (tenantId) => {
      const { dataSource } = fakeDataSource();
      const work = jest.fn();
      const database = new TenantScopedDatabase(dataSource);

      // A rejected promise, not a synchronous throw: callers chain `.catch()` on the unit of work.
      const outcome = database.inTenant(tenantId, work);
      await expect(outcome).rejects.toThrow('malformed tenant id');
      expect(dataSource.transaction).not.toHaveBeenCalled();
      expect(work).not.toHaveBeenCalled();
    },
  );

  it('declares the system context as the first statement of the transaction', async () => {
    const { dataSource, statements } = fakeDataSource();
    await new TenantScopedDatabase(dataSource).inSystemContext('outbox-relay', async () => undefined);
    expect(statements).toEqual([
      { sql: `SELECT set_config('app.system_context', $1, true)`, parameters: ['outbox-relay'] },
    ]);
  });
});
