import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crm/testing';
import { pipelineDatabaseOptions } from '../../src/database';

export type PipelineTestDatabase = MigratedTestDatabase;

/** A fresh pipeline database for one test file, migrated; the service side runs as the application role. */
export function createPipelineTestDatabase(): Promise<PipelineTestDatabase> {
  return createMigratedTestDatabase('pipeline', (url) => pipelineDatabaseOptions(url));
}
