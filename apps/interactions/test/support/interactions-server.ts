import type { Caller, RunningSubgraph } from '@crm/subgraph';
import { startTestSubgraph, type SubgraphResult } from '@crm/testing';
import { interactionsConfigShape } from '../../src/config';
import { startInteractionsSubgraph } from '../../src/server';
import type { InteractionsTestDatabase } from './interactions-test-database';

export const TEST_JWT_SECRET = 'interactions-test-secret-interactions-test';

export interface InteractionsTestServer {
  subgraph: RunningSubgraph;
  request<T = Record<string, unknown>>(
    query: string,
    variables: object,
    caller: Caller,
  ): Promise<SubgraphResult<T>>;
}

/** The real subgraph on a free port over the test database, without Kafka (outbox rows are asserted instead). */
export async function startInteractionsTestServer(
  db: InteractionsTestDatabase,
): Promise<InteractionsTestServer> {
  const { subgraph, request, tokenFor } = await startTestSubgraph({
    name: 'interactions',
    configShape: interactionsConfigShape,
    env: { INTERACTIONS_DATABASE_URL: db.testDatabase.appUrl },
    jwtSecret: TEST_JWT_SECRET,
    database: db.database,
    start: startInteractionsSubgraph,
  });
  return {
    subgraph,
    request: async (query, variables, caller) => request(query, variables, await tokenFor(caller)),
  };
}
