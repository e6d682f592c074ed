import type { Admin, ITopicConfig } from 'kafkajs';

const POLL_MS = 100;

/** What a broker answers about a partition it is still taking over: "ask again", not a failure. */
const NOT_YET_SERVED = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
]);

function isNotYetServed(error: unknown): boolean {
  const { type, originalError } = (error ?? {}) as { type?: string; originalError?: { type?: string } };
  return NOT_YET_SERVED.has(type ?? '') || NOT_YET_SERVED.has(originalError?.type ?? '');
}

async function isServedEverywhere(admin: Admin, names: string[]): Promise<boolean> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
  const led = metadata.every(
    ({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
  );
  if (!led) return false;
  // A leader in the metadata is not yet a leader that serves: a busy KRaft broker can name itself
  // leader and still answer NOT_LEADER_FOR_PARTITION for a moment. Listing offsets asks the leader.
  for (const name of names) await admin.fetchTopicOffsets(name);
  return true;
}

/**
 * Creates topics (existing ones are left alone) and returns once every partition's leader serves
 * requests. kafkajs' own `waitForLeaders` retries only LEADER_NOT_AVAILABLE; on a busy KRaft broker
 * a topic created a moment ago can still answer UNKNOWN_TOPIC_OR_PARTITION or
 * NOT_LEADER_FOR_PARTITION, which kafkajs then throws. Here those answers mean "not yet", until
 * `timeoutMs` runs out.
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
      if (await isServedEverywhere(admin, names)) return;
    } catch (error) {
      if (!isNotYetServed(error)) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics without a serving leader after ${timeoutMs} ms: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
