import { eventsTopic, type PublishingService } from '@crm/events';

/**
 * Topic and group names as a deployment sees them: `KAFKA_TOPIC_PREFIX` + the platform name. Every
 * consumer builds its subscriptions and group ids here, so a prefix isolates a whole environment.
 */
export function subscribedTopics(prefix: string, services: readonly PublishingService[]): string[] {
  return services.map((service) => prefix + eventsTopic(service));
}

/** `<prefix><consumingService>.<purpose>`, e.g. `analytics.read-models`: one group per projection. */
export function consumerGroupId(prefix: string, consumingService: string, purpose: string): string {
  return `${prefix}${consumingService}.${purpose}`;
}
