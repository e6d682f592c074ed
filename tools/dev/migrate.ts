/** `npm run migrate`: applies every subgraph's pending migrations (each as its database's owner). */
import { runScript } from '@crm/testing';
import { readSubgraphList } from '@crm/subgraph-list';
import { logFileOf } from './log-files';

export async function migrateAllSubgraphs(env: Record<string, string> = {}): Promise<void> {
  for (const subgraph of readSubgraphList()) {
    await runScript(`apps/${subgraph.name}/src/migrate.ts`, env, logFileOf(subgraph.name));
    console.log(`${subgraph.name}: migrations applied`);
  }
}

if (require.main === module) {
  migrateAllSubgraphs().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
