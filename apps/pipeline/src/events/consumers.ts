import type { ConsumerConfig, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { consumerGroupId, EventConsumer, subscribedTopics } from '@crm/messaging';
import { accountsEventHandlers } from './accounts.consumer';
import { ordersEventHandlers } from './orders.consumer';

/** The topics pipeline consumes, under the deployment's prefix. */
export function pipelineConsumedTopics(topicPrefix: string): string[] {
  return subscribedTopics(topicPrefix, ['accounts', 'orders']);
}

/**
 * One consumer for what pipeline reads from others: accounts (profile projection, merges, erasures)
 * and orders (price projection). From the beginning: a new deployment builds its projections from
 * the whole history.
 */
export function createPipelineConsumer(options: {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
  /** kafkajs settings over the defaults (tests shorten group joins). */
  consumerConfig?: Partial<Omit<ConsumerConfig, 'groupId'>>;
}): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'pipeline', 'projections'),
    topics: pipelineConsumedTopics(options.topicPrefix),
    database: options.database,
    handlers: { ...accountsEventHandlers, ...ordersEventHandlers },
    logger: options.logger,
    fromBeginning: true,
    consumerConfig: options.consumerConfig,
  });
}
