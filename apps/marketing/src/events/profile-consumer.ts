import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { EventConsumer, consumerGroupId, subscribedTopics } from '@crm/messaging';
import { profileEventHandlers } from './profile-handlers';

/** The customer-profile projection's consumer: from the beginning, so a new deployment rebuilds it. */
export function createProfileConsumer(options: {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
}): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'marketing', 'profiles'),
    topics: subscribedTopics(options.topicPrefix, ['accounts', 'orders', 'interactions']),
    database: options.database,
    handlers: profileEventHandlers,
    logger: options.logger,
    fromBeginning: true,
  });
}
