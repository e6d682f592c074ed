import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const logDir = path.join(repoRoot, '.infra', 'logs');

/** Where `npm start` keeps a service's JSON log lines. */
export function logFileOf(service: string): string {
  return path.join(logDir, `${service}.log`);
}
