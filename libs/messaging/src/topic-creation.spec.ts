import type { Admin } from 'kafkajs';
import { createTopicsWithLeaders } from './topic-creation';

type Answer = () => unknown;

/** An admin whose metadata and offset requests answer from scripts, the last answer repeating. */
function adminAnswering(metadataAnswers: Answer[], offsetAnswers: Answer[] = [() => []]) {
  const created: unknown[] = [];
  const calls = { metadata: 0, offsets: 0 };
  const next = (answers: Answer[], call: number) => answers[Math.min(call, answers.length - 1)]();
  const admin = {
    createTopics: async (request: unknown) => {
      created.push(request);
      return true;
    },
    fetchTopicMetadata: async () => next(metadataAnswers, calls.metadata++),
    fetchTopicOffsets: async () => next(offsetAnswers, calls.offsets++),
  } as unknown as Admin;
  return { admin, created, calls };
}

const brokerError = (type: string, message: string) => () => {
  throw Object.assign(new Error(message), { type });
};
const unknownTopic = brokerError(
  'UNKNOWN_TOPIC_OR_PARTITION',
  'This server does not host this topic-partition',
);
const notLeaderYet = brokerError(
  'NOT_LEADER_FOR_PARTITION',
  'This server is not the leader for that topic-partition',
);
const leaderless = () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: -1 }] }] });
const led = () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: 1 }] }] });
const offsets = () => [{ partition: 0, offset: '0', high: '0', low: '0' }];

describe('createTopicsWithLeaders', () => {
  it('treats "this server does not host this topic-partition" right after creation as not yet, and waits for a leader', async () => {
    const fake = adminAnswering([unknownTopic, leaderless, led]);

    await createTopicsWithLeaders(fake.admin, [{ topic: 't', numPartitions: 1 }]);

    expect(fake.calls.metadata).toBe(3);
    expect(fake.created).toEqual([{ topics: [{ topic: 't', numPartitions: 1 }], waitForLeaders: false }]);
  });

  it('waits until the named leader serves the partition, not only until the metadata names one', async () => {
    const fake = adminAnswering([led], [notLeaderYet, notLeaderYet, offsets]);

    await createTopicsWithLeaders(fake.admin, [{ topic: 't' }]);

    expect(fake.calls.offsets).toBe(3);
  });

  it('gives up with the topics named once the timeout has passed', async () => {
    const fake = adminAnswering([led], [notLeaderYet]);

    await expect(createTopicsWithLeaders(fake.admin, [{ topic: 't' }], 250)).rejects.toThrow(
      'topics without a serving leader after 250 ms: t',
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
    expect(fake.calls.metadata).toBe(1);
  });
});
