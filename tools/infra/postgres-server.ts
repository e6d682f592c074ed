import { readdirSync } from 'node:fs';
import { isCommandOnPath, lastLine, runCommand } from './run-command';

const DEBIAN_CLUSTERS_DIR = '/etc/postgresql';

export interface ClusterStartAttempt {
  /** What was tried and, when it failed, why: for the message if the server still does not answer. */
  description: string;
  hasStarted: boolean;
}

/**
 * Starts the local Debian/Ubuntu cluster (`pg_ctlcluster <version> main start`), the way this
 * machine's services are started before a session. Undefined when this machine has no such cluster.
 */
export async function startLocalPostgresCluster(): Promise<ClusterStartAttempt | undefined> {
  const version = newestClusterVersion();
  if (version === undefined || !isCommandOnPath('pg_ctlcluster')) return undefined;
  const { exitCode, output } = await runCommand('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    version,
    'main',
    'start',
  ]);
  const command = `pg_ctlcluster ${version} main start`;
  return exitCode === 0
    ? { description: command, hasStarted: true }
    : { description: `${command}: ${lastLine(output)}`, hasStarted: false };
}

function newestClusterVersion(): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(DEBIAN_CLUSTERS_DIR);
  } catch {
    return undefined;
  }
  return entries.filter((entry) => /^\d+(\.\d+)?$/.test(entry)).sort((a, b) => Number(b) - Number(a))[0];
}
