import pino from 'pino';
import { createKafka, DEFAULT_KAFKA_BROKERS, parseKafkaBrokers } from './kafka-client';

describe('parseKafkaBrokers', () => {
  it('defaults to the local broker when KAFKA_BROKERS is unset or blank', () => {
    expect(parseKafkaBrokers(undefined)).toEqual([DEFAULT_KAFKA_BROKERS]);
    expect(parseKafkaBrokers('  ')).toEqual([DEFAULT_KAFKA_BROKERS]);
  });

  it('splits a comma-separated host:port list and trims each entry', () => {
    expect(parseKafkaBrokers('kafka-1:9092, kafka-2.internal:19092')).toEqual([
      'kafka-1:9092',
      'kafka-2.internal:19092',
    ]);
  });

  it.each(['kafka-1', 'kafka-1:port', 'kafka-1:9092,', 'http://kafka:9092'])(
    'rejects %j with one clear line',
    (value) => {
      expect(() => parseKafkaBrokers(value)).toThrow(
        `KAFKA_BROKERS must be a comma-separated list of host:port, got "${value}"`,
      );
    },
  );
});

describe('createKafka', () => {
  it('builds a client without touching the network', () => {
    const kafka = createKafka({
      brokers: ['127.0.0.1:1'],
      clientId: 'accounts',
      logger: pino({ level: 'silent' }),
    });
    expect(typeof kafka.producer).toBe('function');
  });
});
