/** Applies pending migrations as the database owner; run before the service starts (dev runner, deploy job). */
import 'reflect-metadata';
import { z } from 'zod';
import { runMigrations } from '@crm/database';
import { createLogger, loadConfig } from '@crm/subgraph';
import { ordersConfigShape } from './config';
import { ordersDatabaseOptions } from './database';

const migrationConfigShape = {
  LOG_LEVEL: ordersConfigShape.LOG_LEVEL,
  ORDERS_MIGRATION_DATABASE_URL: ordersConfigShape.ORDERS_MIGRATION_DATABASE_URL,
} satisfies z.ZodRawShape;

async function main(): Promise<void> {
  const config = loadConfig(migrationConfigShape);
  const logger = createLogger('orders-migrate', config.LOG_LEVEL);
  const { applied } = await runMigrations(ordersDatabaseOptions(config.ORDERS_MIGRATION_DATABASE_URL));
  logger.info(
    { applied },
    applied.length > 0 ? `applied ${applied.length} migrations` : 'schema is up to date',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`orders migrations failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
