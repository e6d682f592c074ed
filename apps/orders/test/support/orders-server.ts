import type { Caller, RunningSubgraph } from '@crm/subgraph';
import { postGraphQL, startTestSubgraph, type GraphQLResult } from '@crm/testing';
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
  const { subgraph, tokenFor } = await startTestSubgraph({
    name: 'orders',
    configShape: ordersConfigShape,
    env: { ORDERS_DATABASE_URL: db.testDatabase.appUrl },
    jwtSecret: TEST_JWT_SECRET,
    database: db.database,
    start: startOrdersSubgraph,
  });
  return {
    subgraph,
    request: async (caller, query, variables = {}) =>
      postGraphQL(subgraph.url, query, { token: await tokenFor(caller), variables }),
  };
}
