import { randomBytes } from 'node:crypto';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type IHeaders,
  type Message,
} from 'kafkajs';
import { createTopicsWithLeaders } from '@crm/messaging';
import { eventually } from './eventually';

/** The broker tests talk to: the local KRaft broker unless KAFKA_BROKERS says otherwise. */
export function testKafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());
}

/**
 * A kafkajs client for test plumbing (topics, raw produce, reading back). Quiet: a test's failure
 * message should not drown in client logs.
 */
export function createTestKafka(clientId = 'crm-tests'): Kafka {
  return new Kafka({ brokers: testKafkaBrokers(), clientId, logLevel: logLevel.NOTHING });
}

/** A topic or group name no other test run uses, so runs never see each other's messages. */
export function uniqueKafkaName(purpose: string): string {
  return `test.${purpose.replace(/[^A-Za-z0-9-]/g, '-')}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics and waits until each partition has a leader, so the first produce succeeds. */
export async function createTestTopics(
  topics: string[],
  options: { partitions?: number; kafka?: Kafka } = {},
): Promise<void> {
  const kafka = options.kafka ?? createTestKafka();
  await withAdmin(kafka, (admin) =>
    createTopicsWithLeaders(
      admin,
      topics.map((topic) => ({ topic, numPartitions: options.partitions ?? 1, replicationFactor: 1 })),
    ),
  );
}

export async function deleteTestTopics(topics: string[], kafka: Kafka = createTestKafka()): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteTopics({ topics })).catch(() => undefined);
}

/** Messages written so far per partition (the high watermark), whatever any consumer did. */
export async function topicEndOffsets(
  topic: string,
  kafka: Kafka = createTestKafka(),
): Promise<Map<number, number>> {
  const offsets = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  return new Map(offsets.map(({ partition, high }) => [partition, Number(high)]));
}

/** The group's committed offset per partition; -1 where it has committed nothing. */
export async function committedOffsets(
  groupId: string,
  topic: string,
  kafka: Kafka = createTestKafka(),
): Promise<Map<number, number>> {
  const [committed] = await withAdmin(kafka, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return new Map(committed.partitions.map(({ partition, offset }) => [partition, Number(offset)]));
}

/** Writes raw messages (poison, duplicates) the way any Java-compatible client would key them. */
export async function produceRawMessages(
  topic: string,
  messages: Message[],
  kafka: Kafka = createTestKafka(),
): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** When the producer created the message (ms since epoch). */
  timestamp: number;
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) text[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return text;
}

/**
 * Reads topics from the beginning into memory, in its own throw-away group, so a test can assert on
 * exactly what reached the broker. Start one per test file: each group join costs a few seconds.
 */
export class TopicRecorder {
  private readonly recorded: RecordedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[], kafka: Kafka = createTestKafka()): Promise<TopicRecorder> {
    const consumer = kafka.consumer({
      groupId: uniqueKafkaName('recorder'),
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
    });
    const recorder = new TopicRecorder(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        recorder.recorded.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersAsText(message.headers),
          timestamp: Number(message.timestamp),
        });
      },
    });
    return recorder;
  }

  messages(topic: string): RecordedMessage[] {
    return this.recorded.filter((message) => message.topic === topic);
  }

  /** Waits until at least `count` messages of `topic` arrived, and returns them all. */
  waitForMessages(topic: string, count: number, timeoutMs = 20_000): Promise<RecordedMessage[]> {
    return eventually(
      `${count} message(s) on ${topic}`,
      () => this.messages(topic),
      (messages) => messages.length >= count,
      { timeoutMs },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
