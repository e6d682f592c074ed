/** Applies pending migrations as the database owner; run before the service starts (dev runner, deploy job). */
import 'reflect-metadata';
import { z } from 'zod';
import { runMigrations } from '@crm/database';
import { createLogger, loadConfig } from '@crm/subgraph';
import { marketingConfigShape } from './config';
import { marketingDatabaseOptions } from './database';

const migrationConfigShape = {
  LOG_LEVEL: marketingConfigShape.LOG_LEVEL,
  MARKETING_MIGRATION_DATABASE_URL: marketingConfigShape.MARKETING_MIGRATION_DATABASE_URL,
} satisfies z.ZodRawShape;

async function main(): Promise<void> {
  const config = loadConfig(migrationConfigShape);
  const logger = createLogger('marketing-migrate', config.LOG_LEVEL);
  const { applied } = await runMigrations(marketingDatabaseOptions(config.MARKETING_MIGRATION_DATABASE_URL));
  logger.info(
    { applied },
    applied.length > 0 ? `applied ${applied.length} migrations` : 'schema is up to date',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `marketing migrations failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
