import type { QueryRunner } from 'typeorm';
import type { SystemContext } from './tenant-scope';

/** The role services connect as: owns nothing and cannot bypass row-level security. */
export function applicationRole(): string {
  const role = process.env.CRM_APP_ROLE ?? 'crm_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`CRM_APP_ROLE must be a plain SQL identifier`);
  return role;
}

const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

export interface TenantTableOptions {
  /** System contexts (besides the tenant itself) that may read and update every tenant's rows. */
  systemContexts?: SystemContext[];
}

/**
 * Called by migrations for every table holding tenant data: enables and FORCEs row-level security
 * (FORCE so that even the owning role is filtered) with a policy that admits only the tenant the
 * transaction declared, and grants the application role DML on it.
 */
export async function protectTenantTable(
  queryRunner: QueryRunner,
  table: string,
  options: TenantTableOptions = {},
): Promise<void> {
  const role = applicationRole();
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY tenant_isolation ON "${table}" USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
  );
  for (const context of options.systemContexts ?? []) {
    await queryRunner.query(
      `CREATE POLICY "system_${context}" ON "${table}" USING (current_setting('app.system_context', true) = '${context}')`,
    );
  }
  await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO ${role}`);
}

/** Lets the application role use the sequences behind serial columns. */
export async function grantSequenceUsage(queryRunner: QueryRunner, sequence: string): Promise<void> {
  await queryRunner.query(`GRANT USAGE, SELECT ON SEQUENCE "${sequence}" TO ${applicationRole()}`);
}
