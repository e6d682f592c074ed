/** Applies pending migrations as the database owner; run before the service starts (dev runner, deploy job). */
import 'reflect-metadata';
import { z } from 'zod';
import { runMigrations } from '@crm/database';
import { createLogger, loadConfig } from '@crm/subgraph';
import { analyticsConfigShape } from './config';
import { analyticsDatabaseOptions } from './database';

const migrationConfigShape = {
  LOG_LEVEL: analyticsConfigShape.LOG_LEVEL,
  ANALYTICS_MIGRATION_DATABASE_URL: analyticsConfigShape.ANALYTICS_MIGRATION_DATABASE_URL,
} satisfies z.ZodRawShape;

async function main(): Promise<void> {
  const config = loadConfig(migrationConfigShape);
  const logger = createLogger('analytics-migrate', config.LOG_LEVEL);
  const { applied } = await runMigrations(analyticsDatabaseOptions(config.ANALYTICS_MIGRATION_DATABASE_URL));
  logger.info(
    { applied },
    applied.length > 0 ? `applied ${applied.length} migrations` : 'schema is up to date',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `analytics migrations failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
