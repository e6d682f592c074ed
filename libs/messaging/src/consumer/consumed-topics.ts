import type { Admin } from 'kafkajs';
import { deadLetterTopic, EVENTS_TOPIC_PARTITIONS } from '@crm/events';
import { createTopicsWithLeaders } from '../topic-creation';

/**
 * Creates those of a consumer's topics (and their dead-letter topics) that do not exist yet, so the
 * consumer can subscribe. kafkajs refuses to subscribe to a topic the cluster does not know, and a
 * consuming service may well start before the service that publishes to it has ever published (a
 * fresh environment, or a test run under its own KAFKA_TOPIC_PREFIX). Existing topics are left as
 * they are; partitions as the platform's bring-up creates them, replicas as the brokers default.
 */
export async function ensureConsumedTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  // Another instance may create some of them first: kafkajs then resolves instead of failing.
  await createTopicsWithLeaders(
    admin,
    missing.map((topic) => ({ topic, numPartitions: EVENTS_TOPIC_PARTITIONS })),
  );
}
