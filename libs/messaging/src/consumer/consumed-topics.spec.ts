import type { Admin } from 'kafkajs';
import { EVENTS_TOPIC_PARTITIONS } from '@crm/events';
import { ensureConsumedTopics } from './consumed-topics';

function fakeAdmin(existing: string[]) {
  const created: unknown[] = [];
  const admin = {
    listTopics: async () => existing,
    createTopics: async (request: unknown) => {
      created.push(request);
      return true;
    },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
      topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1 }] })),
    }),
    fetchTopicOffsets: async () => [{ partition: 0, offset: '0', high: '0', low: '0' }],
  } as unknown as Admin;
  return { admin, created };
}

describe('ensureConsumedTopics', () => {
  it('creates only the missing topics and dead-letter topics, with the platform’s partitions', async () => {
    const { admin, created } = fakeAdmin(['p.crm.pipeline.events']);
    await ensureConsumedTopics(admin, ['p.crm.pipeline.events', 'p.crm.orders.events']);
    expect(created).toEqual([
      {
        topics: ['p.crm.pipeline.events.dlq', 'p.crm.orders.events', 'p.crm.orders.events.dlq'].map(
          (topic) => ({
            topic,
            numPartitions: EVENTS_TOPIC_PARTITIONS,
          }),
        ),
        waitForLeaders: false,
      },
    ]);
  });

  it('creates nothing when every topic exists', async () => {
    const { admin, created } = fakeAdmin(['t', 't.dlq']);
    await ensureConsumedTopics(admin, ['t']);
    expect(created).toEqual([]);
  });
});
