// The public API of @crm/messaging. Helpers not listed here (log routing, offsets arithmetic,
// batching, the DLQ message builder) are implementation details with their own unit tests.
export {
  createKafka,
  parseKafkaBrokers,
  DEFAULT_KAFKA_BROKERS,
  type CreateKafkaOptions,
} from './kafka-client';
export { createReliableProducer } from './reliable-producer';

export { createOutboxTable, dropOutboxTable } from './outbox/outbox-table';
export { publishEvent } from './outbox/publish-event';
export { factsAbout, type VersionedAggregateRef } from './outbox/aggregate-facts';
export { publishEvents, pendingEvent, type PendingEvent } from './outbox/publish-events';
export { toKafkaMessage, EVENT_HEADERS } from './outbox/outbox-message';
export { OutboxRelay, type OutboxRelayOptions, type OutboxRelayMetrics } from './outbox/outbox-relay';
export { deletePublishedOutboxRows } from './outbox/outbox-retention';

export { createInboxTable, dropInboxTable } from './consumer/inbox-table';
export {
  inboxRetentionTask,
  deleteProcessedInboxEntries,
  type InboxRetentionOptions,
} from './consumer/inbox-retention';
export { on, type EventHandler, type EventHandlers, type TransactionHooks } from './consumer/event-handlers';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './consumer/retry-policy';
export { DEAD_LETTER_HEADERS, type DeadLetterReason } from './consumer/dead-letter';
export {
  EventConsumer,
  type EventConsumerOptions,
  type EventConsumerMetrics,
  type PartitionLag,
} from './consumer/event-consumer';
export { registerOutboxRelayGauges, registerEventConsumerGauges } from './messaging-gauges';
export { subscribedTopics, consumerGroupId } from './kafka-names';
export { ensureConsumedTopics } from './consumer/consumed-topics';
export { createTopicsWithLeaders } from './topic-creation';
