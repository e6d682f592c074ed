import { createLogger, parseConfig, signAccessToken, type Caller, type RunningSubgraph } from '@crm/subgraph';
import { pipelineConfigShape } from '../../src/config';
import { startPipelineSubgraph } from '../../src/server';
import { TEST_JWT_SECRET } from './pipeline-fixtures';
import type { PipelineTestDatabase } from './pipeline-test-database';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { field: string; message: string }[] };
  }[];
}

export interface PipelineTestServer {
  subgraph: RunningSubgraph;
  request<T = Record<string, unknown>>(
    query: string,
    variables?: object,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  tokenFor(caller: Caller): Promise<string>;
}

/** The real subgraph on a free port over the test database, without Kafka: events stay in the outbox. */
export async function startPipelineTestServer(db: PipelineTestDatabase): Promise<PipelineTestServer> {
  const config = parseConfig(pipelineConfigShape, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    PIPELINE_DATABASE_URL: db.testDatabase.appUrl,
  });
  const subgraph = await startPipelineSubgraph({
    config,
    logger: createLogger('pipeline', config.LOG_LEVEL),
    database: db.database,
    readinessChecks: [],
    onShutdown: [],
  });
  return {
    subgraph,
    async request(query, variables = {}, token) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    tokenFor: (caller) =>
      signAccessToken({ ...caller, email: 'caller@test.example' }, { secret: TEST_JWT_SECRET }),
  };
}
