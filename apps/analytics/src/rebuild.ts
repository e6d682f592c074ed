/**
 * Rebuilds the read model from the Kafka topics and swaps it in (see rebuild/rebuild-read-model.ts).
 * Run as the owner, beside the running service: `node apps/analytics/dist/rebuild.js` in the image,
 * `npx tsx tools/analytics/rebuild.ts` from a checkout. Prints progress while it runs.
 */
import 'reflect-metadata';
import { z } from 'zod';
import { createKafka, parseKafkaBrokers } from '@crm/messaging';
import { createLogger, loadConfig } from '@crm/subgraph';
import { analyticsConfigShape } from './config';
import { rebuildReadModel } from './rebuild/rebuild-read-model';

const rebuildConfigShape = {
  LOG_LEVEL: analyticsConfigShape.LOG_LEVEL,
  KAFKA_BROKERS: analyticsConfigShape.KAFKA_BROKERS,
  KAFKA_TOPIC_PREFIX: analyticsConfigShape.KAFKA_TOPIC_PREFIX,
  ANALYTICS_MIGRATION_DATABASE_URL: analyticsConfigShape.ANALYTICS_MIGRATION_DATABASE_URL,
  ANALYTICS_DEFAULT_TIME_ZONE: analyticsConfigShape.ANALYTICS_DEFAULT_TIME_ZONE,
} satisfies z.ZodRawShape;

async function main(): Promise<void> {
  const config = loadConfig(rebuildConfigShape);
  const logger = createLogger('analytics-rebuild', config.LOG_LEVEL);
  const started = Date.now();
  const report = await rebuildReadModel({
    ownerDatabaseUrl: config.ANALYTICS_MIGRATION_DATABASE_URL,
    kafka: createKafka({
      brokers: parseKafkaBrokers(config.KAFKA_BROKERS),
      clientId: 'analytics-rebuild',
      logger,
    }),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    defaultTimeZone: config.ANALYTICS_DEFAULT_TIME_ZONE,
    logger,
    onProgress: ({ phase, replayed, total }) => {
      const percent = total === 0 ? 100 : Math.floor((replayed / total) * 100);
      process.stdout.write(`${phase}: ${replayed}/${total} messages (${percent}%)\n`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`rebuilt from ${report.replayedMessages} messages in ${seconds} s and swapped in\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`analytics rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
