import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { AccountCreated, AccountErased, AccountMerged, AccountUpdated, QuoteAccepted } from '@crm/events';
import { consumerGroupId, EventConsumer, on, subscribedTopics } from '@crm/messaging';
import { eraseAccountData } from './account-erased.consumer';
import { repointMergedAccounts } from './account-merged.consumer';
import { projectAccountProfile } from './account-profile.consumer';
import { createOrderFromQuote } from './quote-accepted.consumer';

export const ORDERS_EVENT_HANDLERS = {
  ...on(AccountCreated, projectAccountProfile),
  ...on(AccountUpdated, projectAccountProfile),
  ...on(AccountMerged, repointMergedAccounts),
  ...on(AccountErased, eraseAccountData),
  ...on(QuoteAccepted, createOrderFromQuote),
};

/**
 * What orders consumes: accounts' events (the price-list projection, merges, erasures) and
 * pipeline's accepted quotes. From the beginning, since the projection must see every account.
 */
export function createOrdersEventConsumer(options: {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
}): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'orders', 'accounts-and-quotes'),
    topics: subscribedTopics(options.topicPrefix, ['accounts', 'pipeline']),
    database: options.database,
    handlers: ORDERS_EVENT_HANDLERS,
    logger: options.logger,
    fromBeginning: true,
  });
}
