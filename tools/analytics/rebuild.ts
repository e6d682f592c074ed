/**
 * Rebuilds the analytics read model from the Kafka topics alone, then swaps it in atomically:
 *   npx tsx tools/analytics/rebuild.ts
 * Runs the service's own rebuild entry (apps/analytics/src/rebuild.ts, `node
 * apps/analytics/dist/rebuild.js` in the image) with this environment: ANALYTICS_MIGRATION_DATABASE_URL
 * (the owner), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, ANALYTICS_DEFAULT_TIME_ZONE. The live service keeps
 * running meanwhile; progress goes to stdout.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '../..');
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/analytics/src/rebuild.ts'], {
  cwd: repositoryRoot,
  env: process.env,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
