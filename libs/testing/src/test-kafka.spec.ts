import { testKafkaBrokers, uniqueKafkaName } from './test-kafka';

describe('uniqueKafkaName', () => {
  it('is test.<purpose>.<suffix>, with only characters Kafka accepts in topic and group names', () => {
    const name = uniqueKafkaName('relay-crash');

    expect(name).toMatch(/^test\.relay-crash\.[a-z0-9]+$/);
    expect(name.length).toBeLessThanOrEqual(249);
  });

  it('replaces characters Kafka names cannot hold (dots included, they separate the parts)', () => {
    expect(uniqueKafkaName('crash after/effect.v1_x')).toMatch(/^test\.crash-after-effect-v1-x\.[a-z0-9]+$/);
  });

  it('never repeats, even for many names asked for within the same millisecond', () => {
    const names = Array.from({ length: 2_000 }, () => uniqueKafkaName('same-purpose'));

    expect(new Set(names).size).toBe(names.length);
  });
});

describe('testKafkaBrokers', () => {
  const original = process.env.KAFKA_BROKERS;
  afterEach(() => {
    if (original === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = original;
  });

  it('is the local broker unless KAFKA_BROKERS says otherwise', () => {
    delete process.env.KAFKA_BROKERS;
    expect(testKafkaBrokers()).toEqual(['127.0.0.1:9092']);
  });

  it('splits KAFKA_BROKERS on commas and trims each broker', () => {
    process.env.KAFKA_BROKERS = 'kafka-1:9092, kafka-2:9092 ';
    expect(testKafkaBrokers()).toEqual(['kafka-1:9092', 'kafka-2:9092']);
  });
});
