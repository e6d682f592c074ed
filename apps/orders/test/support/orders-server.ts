import { createLogger, parseConfig, signAccessToken, type Caller, type RunningSubgraph } from '@crm/subgraph';
import { postGraphQL, type GraphQLResult } from '@crm/testing';
import { ordersConfigShape } from '../../src/config';
import { startOrdersSubgraph } from '../../src/server';
import type { OrdersTestDatabase } from './orders-test-database';

const TEST_JWT_SECRET = 'orders-test-secret-orders-test-secret-0123';

export interface OrdersTestServer {
  subgraph: RunningSubgraph;
  request(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult>;
}

/** The real subgraph on a free port over the test database, without Kafka (the relay is main.ts's). */
export async function startOrdersTestServer(db: OrdersTestDatabase): Promise<OrdersTestServer> {
  const config = parseConfig(ordersConfigShape, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    ORDERS_DATABASE_URL: db.testDatabase.appUrl,
  });
  const subgraph = await startOrdersSubgraph({
    config,
    logger: createLogger('orders', config.LOG_LEVEL),
    database: db.database,
    readinessChecks: [],
    onShutdown: [],
  });
  return {
    subgraph,
    async request(caller, query, variables = {}) {
      const token = await signAccessToken(
        { ...caller, email: 'caller@test.example' },
        { secret: TEST_JWT_SECRET },
      );
      return postGraphQL(subgraph.url, query, { token, variables });
    },
  };
}
