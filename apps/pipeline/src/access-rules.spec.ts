import path from 'node:path';
import { describeAccessRules, type Callers } from '@crm/testing';
import { pipelineAccessRules } from './access-rules';

const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const;
const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'] as const;
const fieldsOf = (operation: 'Query' | 'Mutation', callers: Callers) =>
  Object.keys(pipelineAccessRules[operation]).map((field) => [`${operation}.${field}`, callers] as const);

// Everyone reads the pipeline; sales writes it; only an admin defines a new pipeline.
describeAccessRules({
  service: 'pipeline',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  rules: pipelineAccessRules,
  callers: {
    ...Object.fromEntries(fieldsOf('Query', everyone)),
    ...Object.fromEntries(fieldsOf('Mutation', salesWriters)),
    'Mutation.createPipeline': ['ADMIN'],
  },
});
