import { startTestSubgraph, type TestSubgraph } from '@crm/testing';
import { accountsConfigShape } from '../../src/config';
import { startAccountsSubgraph } from '../../src/server';
import { TEST_JWT_SECRET } from './accounts-fixtures';
import type { AccountsTestDatabase } from './accounts-test-database';

export type AccountsTestServer = TestSubgraph;

/** The real subgraph on a free port over the test database, without Kafka (nothing here publishes). */
export function startAccountsTestServer(db: AccountsTestDatabase): Promise<AccountsTestServer> {
  return startTestSubgraph({
    name: 'accounts',
    configShape: accountsConfigShape,
    env: { ACCOUNTS_DATABASE_URL: db.testDatabase.appUrl },
    jwtSecret: TEST_JWT_SECRET,
    database: db.database,
    start: startAccountsSubgraph,
  });
}
