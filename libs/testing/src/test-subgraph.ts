import type { z } from 'zod';
import {
  createLogger,
  parseConfig,
  signAccessToken,
  type Caller,
  type ReadinessCheck,
  type RunningSubgraph,
} from '@crm/subgraph';
import type { Logger } from 'pino';

export interface TestSubgraphStartOptions<TConfig, TDatabase> {
  config: TConfig;
  logger: Logger;
  database: TDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
}

export interface TestSubgraphOptions<TShape extends z.ZodRawShape, TDatabase> {
  name: string;
  configShape: TShape;
  /** The service's own settings, e.g. its `<SVC>_DATABASE_URL`. */
  env: Record<string, string>;
  jwtSecret: string;
  /** The service's TenantScopedDatabase over the test database. */
  database: TDatabase;
  /** The service's `start<Svc>Subgraph`. */
  start(options: TestSubgraphStartOptions<z.infer<z.ZodObject<TShape>>, TDatabase>): Promise<RunningSubgraph>;
}

/** A subgraph's answer as tests read it: typed data, and domain errors with their field messages. */
export interface SubgraphResult<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { field: string; message: string }[] };
  }[];
}

export interface TestSubgraph {
  subgraph: RunningSubgraph;
  /** A token the subgraph accepts for this caller. */
  tokenFor(caller: Caller): Promise<string>;
  /** One GraphQL POST, with the token when given: the response body and the HTTP status. */
  request<TData = Record<string, unknown>>(
    query: string,
    variables?: object,
    token?: string,
  ): Promise<SubgraphResult<TData>>;
}

/**
 * A service's real subgraph on a free port over a test database, without Kafka and without the
 * host's relay or consumers (tests assert outbox rows instead), silent, with a test JWT secret.
 */
export async function startTestSubgraph<TShape extends z.ZodRawShape, TDatabase>(
  options: TestSubgraphOptions<TShape, TDatabase>,
): Promise<TestSubgraph> {
  const config = parseConfig(options.configShape, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: options.jwtSecret,
    ...options.env,
  });
  const subgraph = await options.start({
    config,
    logger: createLogger(options.name, 'silent'),
    database: options.database,
    readinessChecks: [],
    onShutdown: [],
  });
  return {
    subgraph,
    tokenFor: (caller) =>
      signAccessToken({ ...caller, email: 'caller@test.example' }, { secret: options.jwtSecret }),
    async request<TData>(query: string, variables: object = {}, token?: string) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        ...((await response.json()) as Omit<SubgraphResult<TData>, 'status'>),
      };
    },
  };
}
