import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { consumerGroupId, EventConsumer, subscribedTopics } from '@crm/messaging';
import { PROJECTED_SERVICES, readModelProjection } from '../projection/projection-handlers';

export interface ReadModelConsumerOptions {
  kafka: Kafka;
  database: TenantScopedDatabase;
  logger: Logger;
  topicPrefix: string;
  defaultTimeZone: string;
  /** The live projection's group by default; the rebuild passes its own, fresh one. */
  purpose?: string;
}

/** The group the live read model is built by. */
export const READ_MODEL_PURPOSE = 'read-model';

/** Every domain topic into the read model, from the beginning, each event applied once (inbox). */
export function createReadModelConsumer(options: ReadModelConsumerOptions): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: consumerGroupId(options.topicPrefix, 'analytics', options.purpose ?? READ_MODEL_PURPOSE),
    topics: subscribedTopics(options.topicPrefix, PROJECTED_SERVICES),
    database: options.database,
    ...readModelProjection({ defaultTimeZone: options.defaultTimeZone }),
    logger: options.logger,
    fromBeginning: true,
  });
}
