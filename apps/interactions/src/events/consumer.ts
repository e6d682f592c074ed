import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import {
  consumerGroupId,
  EventConsumer,
  subscribedTopics,
  type EventHandler,
  type EventHandlers,
} from '@crm/messaging';
import type { EventEnvelope } from '@crm/events';
import { accountErasedHandlers } from './account-erased.handler';
import { accountMergedHandlers } from './account-merged.handler';
import { accountProjectionHandlers } from './account-projection.handlers';
import { consentHandlers } from './consent.handlers';
import { customerMessageHandlers } from './customer-message.handlers';
import { timelineMirrorHandlers } from './timeline-mirror.handlers';

/** Several effects of one event type run in order, in the one transaction of its inbox entry. */
function allOf(...maps: EventHandlers[]): EventHandlers {
  const combined: Record<string, EventHandler> = {};
  for (const map of maps) {
    for (const [type, handler] of Object.entries(map)) {
      const earlier = combined[type];
      combined[type] = earlier
        ? async (manager, event) => {
            await earlier(manager, event);
            await handler(manager, event);
          }
        : handler;
    }
  }
  return combined;
}

export const interactionsEventHandlers: EventHandlers = allOf(
  accountProjectionHandlers,
  accountMergedHandlers,
  accountErasedHandlers,
  consentHandlers,
  timelineMirrorHandlers(),
  customerMessageHandlers,
);

export function interactionsConsumedTopics(topicPrefix: string): string[] {
  return subscribedTopics(topicPrefix, ['accounts', 'pipeline', 'orders', 'marketing']);
}

export interface InteractionsConsumerOptions {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
  /** Crash tests only (see EventConsumerOptions). */
  beforeOffsetCommit?: (event: EventEnvelope) => Promise<void>;
}

/**
 * One consumer for everything interactions learns from others: accounts (contact data, archive,
 * merge, erasure), pipeline/orders/marketing (timeline, customer messages, consent). From the
 * beginning: the projections must see every account ever created.
 */
export function createInteractionsConsumer(options: InteractionsConsumerOptions): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'interactions', 'projections'),
    topics: interactionsConsumedTopics(options.topicPrefix),
    database: options.database,
    handlers: interactionsEventHandlers,
    logger: options.logger,
    fromBeginning: true,
    beforeOffsetCommit: options.beforeOffsetCommit,
  });
}
