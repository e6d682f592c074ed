export * from './errors';
export * from './error-formatting';
export * from './context';
export * from './access-rules';
export * from './authentication';
export * from './scalars';
export * from './pagination';
export * from './server';
// What every subgraph needs from the process runtime, re-exported so a subgraph imports one kit.
export {
  baseConfigShape,
  loadConfig,
  parseConfig,
  createLogger,
  signAccessToken,
  stopOnSignals,
  postgresUrl,
  ROLES,
  type BaseConfig,
  type Caller,
  type Role,
  type ReadinessCheck,
  type ServiceMetrics,
} from '@crm/service-runtime';
export * from './ids';
export * from './input/field-errors';
export * from './input/field-rules';
export * from './input/changed-fields';
export * from './listing/listing-cursor';
export * from './listing/listing-page';
