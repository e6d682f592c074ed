import { randomUUID } from 'node:crypto';
import { signAccessToken, type Caller, type Role, type RunningSubgraph } from '@crm/subgraph';
import { postGraphQL, startTestSubgraph, type GraphQLResult } from '@crm/testing';
import { marketingConfigShape } from '../../src/config';
import { startMarketingSubgraph } from '../../src/server';
import { createMarketingServices, type MarketingServices } from '../../src/services';
import { LinkSigner } from '../../src/tracking/link-token';
import { PublicLinks } from '../../src/tracking/public-links';
import type { MarketingTestDatabase } from './marketing-test-database';

export const TEST_JWT_SECRET = 'marketing-test-secret-marketing-test-secret';
export const TEST_LINK_SECRET = 'marketing-link-secret-marketing-link-secret';

export interface MarketingTestServer {
  subgraph: RunningSubgraph;
  services: MarketingServices;
  links: PublicLinks;
  origin: string;
  request(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult>;
  stop(): Promise<void>;
}

/** The real subgraph (GraphQL and public routes) in this process, without Kafka: events stay in the outbox. */
export async function startMarketingTestServer(db: MarketingTestDatabase): Promise<MarketingTestServer> {
  const services = createMarketingServices(db.database, {
    messageIdDomain: 'test.example',
  });
  const signer = new LinkSigner(TEST_LINK_SECRET);
  const { subgraph } = await startTestSubgraph({
    name: 'marketing',
    configShape: marketingConfigShape,
    env: { MARKETING_LINK_SECRET: TEST_LINK_SECRET, MARKETING_DATABASE_URL: db.testDatabase.appUrl },
    jwtSecret: TEST_JWT_SECRET,
    database: db.database,
    start: (options) => startMarketingSubgraph({ ...options, services, signer }),
  });
  const origin = `http://127.0.0.1:${subgraph.port}`;
  return {
    subgraph,
    services,
    origin,
    links: new PublicLinks(signer, origin),
    request: (query, variables = {}, token) => postGraphQL(subgraph.url, query, { variables, token }),
    stop: () => subgraph.stop(),
  };
}

export interface TestTenant {
  tenantId: string;
  caller: Caller;
  token: string;
}

export async function testTenant(role: Role = 'MARKETER'): Promise<TestTenant> {
  const caller: Caller = { tenantId: randomUUID(), userId: randomUUID(), roles: [role] };
  const token = await signAccessToken(
    { ...caller, email: 'marketer@test.example' },
    { secret: TEST_JWT_SECRET },
  );
  return { tenantId: caller.tenantId, caller, token };
}
