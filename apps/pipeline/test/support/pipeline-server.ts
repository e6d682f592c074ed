import { startTestSubgraph, type TestSubgraph } from '@crm/testing';
import { pipelineConfigShape } from '../../src/config';
import { startPipelineSubgraph } from '../../src/server';
import { TEST_JWT_SECRET } from './pipeline-fixtures';
import type { PipelineTestDatabase } from './pipeline-test-database';

export type PipelineTestServer = TestSubgraph;

/** The real subgraph on a free port over the test database, without Kafka: events stay in the outbox. */
export function startPipelineTestServer(db: PipelineTestDatabase): Promise<PipelineTestServer> {
  return startTestSubgraph({
    name: 'pipeline',
    configShape: pipelineConfigShape,
    env: { PIPELINE_DATABASE_URL: db.testDatabase.appUrl },
    jwtSecret: TEST_JWT_SECRET,
    database: db.database,
    start: startPipelineSubgraph,
  });
}
