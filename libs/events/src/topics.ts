/**
 * The services that publish domain events; each owns exactly one topic. Analytics publishes only
 * its acknowledgements of erasure requests.
 */
export const PUBLISHING_SERVICES = [
  'accounts',
  'interactions',
  'pipeline',
  'orders',
  'marketing',
  'analytics',
] as const;
export type PublishingService = (typeof PUBLISHING_SERVICES)[number];

export function eventsTopic(service: PublishingService): string {
  return `crm.${service}.events`;
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic the platform needs, dead-letter topics included: what infra bring-up creates. */
export function allPlatformTopics(): string[] {
  return PUBLISHING_SERVICES.flatMap((service) => [
    eventsTopic(service),
    deadLetterTopic(eventsTopic(service)),
  ]);
}

/** Partitions per events topic: enough for per-aggregate ordering with parallel consumers. */
export const EVENTS_TOPIC_PARTITIONS = 6;
