import type { Resolvers } from './generated/graphql';
import { metricsResolvers } from './metrics/metrics.resolvers';
import type { AnalyticsServices } from './services';

/** The schema mapped onto the services' resolvers; the DateTime and JSON scalars come from the kit. */
export function createAnalyticsResolvers(services: AnalyticsServices): Resolvers {
  return metricsResolvers(services.metrics);
}
