import type { QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * Tables a replay rebuilds: everything derived from events, and the inbox that says which events
 * they contain. `analytics_settings` is not derived from events (an ADMIN sets it), so the replay
 * reads the live one and it is never swapped. The outbox gets a throw-away copy so that a replayed
 * AccountErased does not publish its acknowledgement a second time.
 */
export const REBUILT_TABLES = [
  'event_watermark',
  'account_dim',
  'order_fact',
  'order_line_fact',
  'money_movement_fact',
  'daily_sales',
  'daily_customer',
  'period_customer',
  'period_customer_count',
  'pipeline_stage_dim',
  'opportunity_fact',
  'stage_visit_fact',
  'lead_fact',
  'activity_fact',
  'campaign_dim',
  'campaign_message_fact',
  'visit_fact',
  'inbox',
] as const;

const SINK_TABLES = ['outbox'] as const;

function quoted(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`not a plain SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

/**
 * Empty copies of the live tables (columns, keys, indexes) in a schema of their own. They get row
 * security only at the swap: until then only the rebuild (as the owner) writes to them.
 */
export async function createRebuildSchema(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`CREATE SCHEMA ${quoted(schema)}`);
  for (const table of [...REBUILT_TABLES, ...SINK_TABLES]) {
    await queryRunner.query(
      `CREATE TABLE ${quoted(schema)}.${quoted(table)} (LIKE public.${quoted(table)} INCLUDING ALL)`,
    );
  }
}

/**
 * In the caller's transaction (which already locked the live tables): gives the rebuilt inbox the
 * live consumer group's entries, protects the rebuilt tables as the migrations protect the live
 * ones, and moves them into `public` in place of the live ones, which go to `retiredSchema`.
 */
export async function swapInRebuiltTables(
  queryRunner: QueryRunner,
  names: { schema: string; retiredSchema: string; rebuildGroup: string; liveGroup: string },
): Promise<void> {
  const schema = quoted(names.schema);
  await queryRunner.query(
    `INSERT INTO ${schema}."inbox" ("tenant_id", "consumer_group", "event_id", "event_type", "processed_at")
     SELECT "tenant_id", $2, "event_id", "event_type", "processed_at" FROM ${schema}."inbox" WHERE "consumer_group" = $1
     ON CONFLICT DO NOTHING`,
    [names.rebuildGroup, names.liveGroup],
  );
  await queryRunner.query(`SET LOCAL search_path TO ${schema}`);
  for (const table of REBUILT_TABLES) {
    await protectTenantTable(
      queryRunner,
      table,
      table === 'inbox' ? { systemContexts: ['inbox-retention'] } : {},
    );
  }
  await queryRunner.query(`SET LOCAL search_path TO public`);
  await queryRunner.query(`CREATE SCHEMA ${quoted(names.retiredSchema)}`);
  for (const table of REBUILT_TABLES) {
    await queryRunner.query(`ALTER TABLE public.${quoted(table)} SET SCHEMA ${quoted(names.retiredSchema)}`);
    await queryRunner.query(`ALTER TABLE ${schema}.${quoted(table)} SET SCHEMA public`);
  }
}

export async function dropSchema(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP SCHEMA IF EXISTS ${quoted(schema)} CASCADE`);
}

export async function lockLiveTables(queryRunner: QueryRunner): Promise<void> {
  // EXCLUSIVE: readers (metrics queries) go on; the live consumer's next write waits for the swap.
  await queryRunner.query(
    `LOCK TABLE ${REBUILT_TABLES.map((table) => `public.${quoted(table)}`).join(', ')} IN EXCLUSIVE MODE`,
  );
}
