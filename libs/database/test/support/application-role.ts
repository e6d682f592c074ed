import { Client } from 'pg';
import { applicationRole } from '../../src';
import { postgresAdminUrl } from '@crm/testing';

/**
 * Infra bring-up creates the application role; a developer running this suite alone may not have
 * run it, so create the role as the design describes it when it is missing.
 */
export async function ensureApplicationRole(): Promise<void> {
  const client = new Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    const role = applicationRole();
    const existing = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    if (existing.rowCount === 0) {
      await client
        .query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS`)
        .catch((error: { code?: string }) => {
          // Another suite created it in the meantime.
          if (error.code !== '42710') throw error;
        });
    }
  } finally {
    await client.end();
  }
}
