import { Kafka, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogLevelFor, pinoLogCreator } from './kafka-logging';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

const HOST_AND_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/**
 * Reads `KAFKA_BROKERS` (a comma-separated `host:port` list). A malformed value throws one clear
 * line, so the service refuses to start instead of retrying a nonsense address forever.
 */
export function parseKafkaBrokers(value: string | undefined = process.env.KAFKA_BROKERS): string[] {
  const raw = value === undefined || value.trim() === '' ? DEFAULT_KAFKA_BROKERS : value;
  const brokers = raw.split(',').map((broker) => broker.trim());
  const malformed = brokers.filter((broker) => !HOST_AND_PORT.test(broker));
  if (malformed.length > 0) {
    throw new Error(`KAFKA_BROKERS must be a comma-separated list of host:port, got "${raw}"`);
  }
  return brokers;
}

export interface CreateKafkaOptions {
  brokers: string[];
  /** Shows up in broker logs and quotas: use the service name. */
  clientId: string;
  logger: Logger;
  /** Anything else kafkajs accepts (ssl, sasl, timeouts); the logging fields are ours. */
  config?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator' | 'logLevel'>;
}

export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    ...options.config,
    brokers: options.brokers,
    clientId: options.clientId,
    logLevel: kafkaLogLevelFor(options.logger.level),
    logCreator: pinoLogCreator(options.logger),
  });
}
