import type { ConsumerConfig } from 'kafkajs';

/**
 * Consumer settings that keep group joins and shutdowns short in tests; production keeps the
 * EventConsumer defaults.
 */
export const FAST_GROUP: Partial<ConsumerConfig> = {
  sessionTimeout: 10_000,
  rebalanceTimeout: 10_000,
  heartbeatInterval: 1_000,
  maxWaitTimeInMs: 200,
};
