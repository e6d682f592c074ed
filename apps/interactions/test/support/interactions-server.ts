import { createLogger, parseConfig, signAccessToken, type Caller, type RunningSubgraph } from '@crm/subgraph';
import { interactionsConfigShape } from '../../src/config';
import { startInteractionsSubgraph } from '../../src/server';
import type { InteractionsTestDatabase } from './interactions-test-database';

export const TEST_JWT_SECRET = 'interactions-test-secret-interactions-test';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { field: string; message: string }[] };
  }[];
}

export interface InteractionsTestServer {
  subgraph: RunningSubgraph;
  request<T = Record<string, unknown>>(
    query: string,
    variables: object,
    caller: Caller,
  ): Promise<GraphQLResult<T>>;
}

/** The real subgraph on a free port over the test database, without Kafka (outbox rows are asserted instead). */
export async function startInteractionsTestServer(
  db: InteractionsTestDatabase,
): Promise<InteractionsTestServer> {
  const config = parseConfig(interactionsConfigShape, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    INTERACTIONS_DATABASE_URL: db.testDatabase.appUrl,
  });
  const subgraph = await startInteractionsSubgraph({
    config,
    logger: createLogger('interactions', config.LOG_LEVEL),
    database: db.database,
    readinessChecks: [],
    onShutdown: [],
  });
  return {
    subgraph,
    async request(query, variables, caller) {
      const token = await signAccessToken(
        { ...caller, email: 'caller@test.example' },
        { secret: TEST_JWT_SECRET },
      );
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}
