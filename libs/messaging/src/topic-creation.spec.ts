import type { Admin } from 'kafkajs';
import { createTopicsWithLeaders } from './topic-creation';

function adminAnswering(metadataAnswers: Array<() => unknown>) {
  const created: unknown[] = [];
  let calls = 0;
  const admin = {
    createTopics: async (request: unknown) => {
      created.push(request);
      return true;
    },
    fetchTopicMetadata: async () => {
      const answer = metadataAnswers[Math.min(calls, metadataAnswers.length - 1)];
      calls += 1;
      return answer();
    },
  } as unknown as Admin;
  return { admin, created, calls: () => calls };
}

const unknownTopic = () => {
  throw Object.assign(new Error('This server does not host this topic-partition'), {
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
  });
};
const leaderless = () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: -1 }] }] });
const led = () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: 1 }] }] });

describe('createTopicsWithLeaders', () => {
  it('treats "this server does not host this topic-partition" right after creation as not yet, and waits for a leader', async () => {
    const fake = adminAnswering([unknownTopic, leaderless, led]);

    await createTopicsWithLeaders(fake.admin, [{ topic: 't', numPartitions: 1 }]);

    expect(fake.calls()).toBe(3);
    expect(fake.created).toEqual([{ topics: [{ topic: 't', numPartitions: 1 }], waitForLeaders: false }]);
  });

  it('gives up with the topics named once the timeout has passed', async () => {
    const fake = adminAnswering([leaderless]);

    await expect(createTopicsWithLeaders(fake.admin, [{ topic: 't' }], 250)).rejects.toThrow(
      'topics without a leader after 250 ms: t',
    );
  });

  it('passes on any other error at once', async () => {
    const fake = adminAnswering([
      () => {
        throw new Error('authorization failed');
      },
    ]);

    await expect(createTopicsWithLeaders(fake.admin, [{ topic: 't' }])).rejects.toThrow(
      'authorization failed',
    );
    expect(fake.calls()).toBe(1);
  });
});
