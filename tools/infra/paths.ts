import path from 'node:path';

/** The repository root, found from this file's location so the tools work from any cwd. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Machine-local state (jars, broker data, logs, pid file); gitignored. */
const STATE_DIR = path.join(REPO_ROOT, '.infra');
const KAFKA_SOURCE_DIR = path.join(REPO_ROOT, 'infra', 'kafka');
const KAFKA_STATE_DIR = path.join(STATE_DIR, 'kafka');

export const infraPaths = {
  stateDir: STATE_DIR,
  postgresInitSql: path.join(REPO_ROOT, 'infra', 'postgres', 'init.sql'),
  kafkaPom: path.join(KAFKA_SOURCE_DIR, 'pom.xml'),
  kafkaPropertiesTemplate: path.join(KAFKA_SOURCE_DIR, 'server.properties.template'),
  kafkaLog4jConfig: path.join(KAFKA_SOURCE_DIR, 'log4j.properties'),
  kafkaLibsDir: path.join(KAFKA_STATE_DIR, 'libs'),
  kafkaDataDir: path.join(KAFKA_STATE_DIR, 'data'),
  kafkaServerProperties: path.join(KAFKA_STATE_DIR, 'server.properties'),
  kafkaPidFile: path.join(STATE_DIR, 'kafka.pid'),
  kafkaStartLock: path.join(STATE_DIR, 'kafka.lock'),
  kafkaLogFile: path.join(STATE_DIR, 'logs', 'kafka.log'),
} as const;

/** A path as people should read it in messages: relative to the repository when inside it. */
export function displayPath(absolutePath: string): string {
  const relative = path.relative(REPO_ROOT, absolutePath);
  return relative.startsWith('..') ? absolutePath : relative;
}
