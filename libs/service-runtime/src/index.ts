export * from './config';
export * from './logger';
export * from './roles';
export * from './access-token';
export * from './health';
export * from './metrics';
export * from './graceful-shutdown';
export * from './graphql-error-codes';
