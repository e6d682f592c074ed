export * from './test-database';
export * from './eventually';
export * from './test-kafka';
export * from './service-process';
export * from './graphql-client';
export * from './accounts-client';
