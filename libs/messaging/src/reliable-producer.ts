import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The producer every publisher here uses. Idempotent (the broker drops retried duplicates of a
 * batch), which kafkajs only allows with one request in flight; that also keeps retries from
 * reordering messages within a partition. The default partitioner hashes keys like the Java client
 * (murmur2), so an aggregate's events land on the same partition whichever client wrote them.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Every send waits for all in-sync replicas: an acknowledged event survives a broker loss. */
export const ACKS_ALL_IN_SYNC_REPLICAS = -1;
