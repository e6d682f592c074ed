import { withKafkaAdmin } from './kafka-admin';
import type { BrokerAddress } from './settings';

export interface TopicSpec {
  names: string[];
  partitions: number;
}

/**
 * Creates the topics that do not exist yet (one replica: a single local broker). Existing topics are
 * left as they are. Returns how many of the wanted topics exist afterwards.
 */
export async function ensureTopics(
  brokers: BrokerAddress[],
  { names, partitions }: TopicSpec,
): Promise<number> {
  return withKafkaAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      // Resolves false instead of failing when a concurrent bring-up created some of them first.
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
    const present = new Set(await admin.listTopics());
    return names.filter((name) => present.has(name)).length;
  });
}
