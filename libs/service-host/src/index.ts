export {
  runSubgraphService,
  startSubgraphService,
  type BackgroundWorker,
  type ConsumerRegistration,
  type RunningSubgraphService,
  type ServiceHostConfig,
  type ServiceInfrastructure,
  type ServiceParts,
  type SubgraphHostOptions,
  type SubgraphServiceDefinition,
} from './subgraph-service';
export { defaultHostRuntime, type ServiceHostRuntime } from './host-runtime';
