import type { Admin } from 'kafkajs';

/** Per topic-partition offsets: `topic:partition` → offset. */
export type Offsets = Map<string, number>;

/** The end of every partition of the topics now: what a replay must reach. */
export async function endOffsets(admin: Admin, topics: string[]): Promise<Offsets> {
  const offsets: Offsets = new Map();
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
      offsets.set(`${topic}:${partition}`, Number(high));
    }
  }
  return offsets;
}

/** What the group has committed; -1 where it has committed nothing yet. */
export async function groupOffsets(admin: Admin, groupId: string, topics: string[]): Promise<Offsets> {
  const offsets: Offsets = new Map();
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
    for (const { partition, offset } of partitions) offsets.set(`${topic}:${partition}`, Number(offset));
  }
  return offsets;
}

/** Messages between the committed offsets and the target (0 when it has caught up everywhere). */
export function remainingMessages(target: Offsets, committed: Offsets): number {
  let remaining = 0;
  for (const [key, end] of target) {
    const done = Math.max(committed.get(key) ?? 0, 0);
    remaining += Math.max(end - done, 0);
  }
  return remaining;
}

export function totalMessages(target: Offsets): number {
  return [...target.values()].reduce((sum, end) => sum + end, 0);
}
