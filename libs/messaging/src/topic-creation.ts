import type { Admin, ITopicConfig } from 'kafkajs';

const POLL_MS = 100;

function isUnknownTopicError(error: unknown): boolean {
  return (error as { type?: string } | null)?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

/**
 * Creates topics (existing ones are left alone) and returns once every partition has a leader.
 * kafkajs' own `waitForLeaders` retries only LEADER_NOT_AVAILABLE; on a busy KRaft broker the
 * metadata of a topic created a moment ago can still answer UNKNOWN_TOPIC_OR_PARTITION, which
 * kafkajs then throws. Here that answer means "not yet", until `timeoutMs` runs out.
 */
export async function createTopicsWithLeaders(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 30_000,
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map(({ topic }) => topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      const led = metadata.every(
        ({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
      );
      if (led) return;
    } catch (error) {
      if (!isUnknownTopicError(error)) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics without a leader after ${timeoutMs} ms: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
