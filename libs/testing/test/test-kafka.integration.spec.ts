import {
  committedOffsets,
  createTestKafka,
  createTestTopics,
  deleteTestTopics,
  eventually,
  produceRawMessages,
  TopicRecorder,
  topicEndOffsets,
  uniqueKafkaName,
} from '../src';

const kafka = createTestKafka('testing-self-tests');

async function listTopics(): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('test-kafka helpers against the real broker', () => {
  const recorded = uniqueKafkaName('self-test-recorded');
  const other = uniqueKafkaName('self-test-other');
  let recorder: TopicRecorder | undefined;

  afterAll(async () => {
    await recorder?.stop();
    await deleteTestTopics([recorded, other], kafka);
  });

  it('createTestTopics creates the topics with the partitions asked for, and deleteTestTopics removes them', async () => {
    const created = [uniqueKafkaName('self-test-a'), uniqueKafkaName('self-test-b')];

    await createTestTopics(created, { partitions: 3, kafka });

    expect(await listTopics()).toEqual(expect.arrayContaining(created));
    const ends = await topicEndOffsets(created[0], kafka);
    expect(ends).toEqual(
      new Map([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    );

    await deleteTestTopics(created, kafka);

    await eventually('the topics to be gone', listTopics, (topics) =>
      created.every((topic) => !topics.includes(topic)),
    );
  });

  it('deleteTestTopics ignores topics that do not exist', async () => {
    await expect(
      deleteTestTopics([uniqueKafkaName('self-test-never-created')], kafka),
    ).resolves.toBeUndefined();
  });

  it('TopicRecorder records what produceRawMessages wrote, from the beginning, per topic', async () => {
    await createTestTopics([recorded, other], { kafka });
    // Written before the recorder starts: it reads from the beginning.
    await produceRawMessages(
      recorded,
      [{ key: 'k1', value: 'first', headers: { origin: 'self-test', n: '1' } }],
      kafka,
    );
    const producedAfter = Date.now();
    recorder = await TopicRecorder.start([recorded, other], kafka);
    await produceRawMessages(recorded, [{ key: null, value: 'second' }], kafka);

    const messages = await recorder.waitForMessages(recorded, 2);

    expect(messages).toEqual([
      {
        topic: recorded,
        partition: 0,
        offset: '0',
        key: 'k1',
        value: 'first',
        headers: { origin: 'self-test', n: '1' },
        timestamp: expect.any(Number),
      },
      {
        topic: recorded,
        partition: 0,
        offset: '1',
        key: null,
        value: 'second',
        headers: {},
        timestamp: expect.any(Number),
      },
    ]);
    expect(messages[0].timestamp).toBeLessThanOrEqual(producedAfter);
    expect(recorder.messages(other)).toEqual([]);
    expect(await topicEndOffsets(recorded, kafka)).toEqual(new Map([[0, 2]]));
  });

  it('waitForMessages fails with what it has when too few messages arrive', async () => {
    if (!recorder) throw new Error('the previous test starts the recorder');

    await expect(recorder.waitForMessages(other, 1, 500)).rejects.toThrow(
      `timed out after 500 ms waiting for 1 message(s) on ${other}; last value: []`,
    );
  });

  it('committedOffsets is -1 per partition for a group that never committed', async () => {
    expect(await committedOffsets(uniqueKafkaName('self-test-idle-group'), recorded, kafka)).toEqual(
      new Map([[0, -1]]),
    );
  });
});
