import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import {
  SqlStatementCounter,
  TenantScopedDatabase,
  applicationRole,
  createServiceDataSource,
  protectTenantTable,
  runMigrations,
  type QueryErrorSink,
} from '../src';
import { ensureApplicationRole } from './support/application-role';

const TENANT_A = '0190f7c2-0000-7000-8000-00000000000a';
const TENANT_B = '0190f7c2-0000-7000-8000-00000000000b';

/** A real migration, as a service would write it: a tenant table, and one the outbox relay may also read. */
class CreateTenantTables1700000000000 implements MigrationInterface {
  name = 'CreateTenantTables1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "note" ("id" uuid PRIMARY KEY, "tenant_id" uuid NOT NULL, "body" text NOT NULL)`,
    );
    await protectTenantTable(queryRunner, 'note');
    await queryRunner.query(
      `CREATE TABLE "relay_log" ("id" uuid PRIMARY KEY, "tenant_id" uuid NOT NULL, "body" text NOT NULL)`,
    );
    await protectTenantTable(queryRunner, 'relay_log', { systemContexts: ['outbox-relay'] });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "relay_log"`);
    await queryRunner.query(`DROP TABLE "note"`);
  }
}

describe('tenant scoping on a real PostgreSQL, as the application role', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sqlStatements: SqlStatementCounter;
  let scoped: TenantScopedDatabase;
  let errorSink: { error: jest.Mock; warn: jest.Mock } & QueryErrorSink;

  async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: database.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const bodies = (rows: { body: string }[]) => rows.map((row) => row.body).sort();

  beforeAll(async () => {
    await ensureApplicationRole();
    database = await createTestDatabase('database_tenant_scope');
    await runMigrations({
      url: database.ownerUrl,
      applicationName: 'database-integration',
      entities: [],
      migrations: [CreateTenantTables1700000000000],
    });
    await asOwner(async (client) => {
      for (const table of ['note', 'relay_log']) {
        await client.query(
          `INSERT INTO "${table}" (id, tenant_id, body) VALUES
             (gen_random_uuid(), $1, 'a1'), (gen_random_uuid(), $1, 'a2'), (gen_random_uuid(), $2, 'b1')`,
          [TENANT_A, TENANT_B],
        );
      }
    });
    errorSink = { error: jest.fn(), warn: jest.fn() };
    // One pooled connection: every unit of work below runs on the same PostgreSQL session.
    ({ dataSource, sqlStatements } = createServiceDataSource({
      url: database.appUrl,
      applicationName: 'database-integration',
      entities: [],
      poolSize: 1,
      errorSink,
    }));
    await dataSource.initialize();
    scoped = new TenantScopedDatabase(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('connects as a role that neither owns the tables nor bypasses row-level security', async () => {
    const [role] = await dataSource.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: applicationRole(), rolsuper: false, rolbypassrls: false });
  });

  it("returns only the scoped tenant's rows to a query without any tenant filter", async () => {
    const rows = await scoped.inTenant(TENANT_A, (manager) => manager.query(`SELECT * FROM note`));
    expect(bodies(rows)).toEqual(['a1', 'a2']);
    expect(rows.every((row: { tenant_id: string }) => row.tenant_id === TENANT_A)).toBe(true);

    const rowsOfB = await scoped.inTenant(TENANT_B, (manager) => manager.query(`SELECT * FROM note`));
    expect(bodies(rowsOfB)).toEqual(['b1']);
  });

  it('returns no rows at all when no tenant was declared', async () => {
    expect(await dataSource.query(`SELECT * FROM note`)).toEqual([]);
  });

  it('refuses to insert a row for tenant B while scoped to tenant A, and writes nothing', async () => {
    await expect(
      scoped.inTenant(TENANT_A, (manager) =>
        manager.query(`INSERT INTO note (id, tenant_id, body) VALUES (gen_random_uuid(), $1, 'smuggled')`, [
          TENANT_B,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const smuggled = await asOwner((client) => client.query(`SELECT 1 FROM note WHERE body = 'smuggled'`));
    expect(smuggled.rowCount).toBe(0);
  });

  it("neither updates another tenant's rows nor moves its own rows to another tenant", async () => {
    const updated = await scoped.inTenant(TENANT_A, (manager) =>
      manager.query(`UPDATE note SET body = body`),
    );
    expect(updated[1]).toBe(2);
    await expect(
      scoped.inTenant(TENANT_A, (manager) => manager.query(`UPDATE note SET tenant_id = $1`, [TENANT_B])),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets a system context read every tenant only on the tables whose policy names that context', async () => {
    const relayed = await scoped.inSystemContext('outbox-relay', (manager) =>
      manager.query(`SELECT * FROM relay_log`),
    );
    expect(bodies(relayed)).toEqual(['a1', 'a2', 'b1']);

    const notes = await scoped.inSystemContext('outbox-relay', (manager) =>
      manager.query(`SELECT * FROM note`),
    );
    expect(notes).toEqual([]);

    const otherContext = await scoped.inSystemContext('authentication', (manager) =>
      manager.query(`SELECT * FROM relay_log`),
    );
    expect(otherContext).toEqual([]);
  });

  it('does not carry a tenant scope into the next transaction on the same pooled connection', async () => {
    const scopedSession = await scoped.inTenant(TENANT_A, async (manager) => {
      const [{ pid }] = await manager.query(`SELECT pg_backend_pid() AS pid`);
      expect(await manager.query(`SELECT * FROM note`)).toHaveLength(2);
      return pid;
    });

    const [{ pid: nextSession }] = await dataSource.query(`SELECT pg_backend_pid() AS pid`);
    expect(nextSession).toBe(scopedSession);
    expect(await dataSource.query(`SELECT * FROM note`)).toEqual([]);
    await dataSource.transaction(async (manager) => {
      expect(await manager.query(`SELECT * FROM note`)).toEqual([]);
    });
  });

  it('does not carry a tenant scope past a unit of work that failed', async () => {
    await expect(
      scoped.inTenant(TENANT_A, async (manager) => {
        await manager.query(`SELECT * FROM note`);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await dataSource.query(`SELECT * FROM note`)).toEqual([]);
  });

  it('rejects a malformed tenant id without sending any SQL', async () => {
    const before = sqlStatements.statements;
    await expect(
      scoped.inTenant(`' OR true --`, (manager) => manager.query(`SELECT * FROM note`)),
    ).rejects.toThrow('malformed tenant id');
    expect(sqlStatements.statements).toBe(before);
  });

  it('counts every statement sent, transaction control included', async () => {
    const before = sqlStatements.statements;
    await dataSource.query(`SELECT 1`);
    expect(sqlStatements.statements - before).toBe(1);

    const beforeUnitOfWork = sqlStatements.statements;
    await scoped.inTenant(TENANT_A, async (manager) => {
      await manager.query(`SELECT * FROM note`);
      await manager.query(`SELECT count(*) FROM note`);
    });
    // START TRANSACTION, set_config, two queries, COMMIT.
    expect(sqlStatements.statements - beforeUnitOfWork).toBe(5);
  });

  it('reports a failing statement to the error sink without its parameters', async () => {
    await expect(
      dataSource.query(`SELECT * FROM no_such_table WHERE id = $1`, ['secret-value']),
    ).rejects.toThrow();
    expect(errorSink.error).toHaveBeenCalledWith(
      expect.objectContaining({ query: 'SELECT * FROM no_such_table WHERE id = $1' }),
      'SQL statement failed',
    );
    expect(JSON.stringify(errorSink.error.mock.calls.map(([details]) => details.query))).not.toContain(
      'secret-value',
    );
  });
});
