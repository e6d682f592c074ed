import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { PUBLISHING_SERVICES } from '@crm/events';
import { consumerGroupId, EventConsumer, subscribedTopics } from '@crm/messaging';
import { erasureCompletedHandlers } from './erasure-completed.consumer';
import { leadConvertedHandlers } from './lead-converted.consumer';

/**
 * Topics accounts listens to: lead conversions (pipeline) and erasure acknowledgements (every other
 * publishing service), so every topic but its own.
 */
const ACCOUNTS_CONSUMED_SERVICES = PUBLISHING_SERVICES.filter((service) => service !== 'accounts');

/**
 * Longer than the topics keep messages (7 days): a delivery the inbox no longer remembers cannot
 * happen. Creates are keyed by the event's ids anyway, so even then nothing would be doubled.
 */
export const INBOX_RETENTION_DAYS = 14;

export function accountsConsumedTopics(topicPrefix: string): string[] {
  return subscribedTopics(topicPrefix, ACCOUNTS_CONSUMED_SERVICES);
}

/**
 * One consumer group for everything accounts consumes. From the beginning: a conversion or an
 * acknowledgement published before accounts first ran must still be applied.
 */
export function createAccountsEventConsumer(options: {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
}): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'accounts', 'event-handlers'),
    topics: accountsConsumedTopics(options.topicPrefix),
    database: options.database,
    logger: options.logger,
    handlers: { ...leadConvertedHandlers, ...erasureCompletedHandlers },
    fromBeginning: true,
  });
}
