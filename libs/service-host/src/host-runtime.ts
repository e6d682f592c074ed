import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  OutboxRelay,
  createKafka,
  ensureConsumedTopics,
  inboxRetentionTask,
  parseKafkaBrokers,
  type InboxRetentionOptions,
  type OutboxRelayOptions,
} from '@crm/messaging';
import type { PeriodicTask } from '@crm/service-runtime';
import { stopOnSignals, type RunningSubgraph } from '@crm/subgraph';

/**
 * What the host does to the outside world: Kafka clients, the relay and retention loops, signals
 * and the process exit. Replaced by fakes in the host's unit tests; services use the default.
 */
export interface ServiceHostRuntime {
  createKafka(options: { brokers: string; clientId: string; logger: Logger }): Kafka;
  createOutboxRelay(options: OutboxRelayOptions): OutboxRelay;
  createInboxRetention(options: InboxRetentionOptions): PeriodicTask;
  ensureConsumedTopics(admin: Admin, topics: readonly string[]): Promise<void>;
  stopOnSignals(subgraph: RunningSubgraph, logger: Logger, timeoutMs: number): void;
  /** Writes the one line to stderr and exits 1. */
  exitAfterStartFailure(line: string): void;
}

export const defaultHostRuntime: ServiceHostRuntime = {
  createKafka: ({ brokers, clientId, logger }) =>
    createKafka({ brokers: parseKafkaBrokers(brokers), clientId, logger }),
  createOutboxRelay: (options) => new OutboxRelay(options),
  createInboxRetention: inboxRetentionTask,
  ensureConsumedTopics,
  stopOnSignals,
  exitAfterStartFailure: (line) => {
    process.stderr.write(`${line}\n`);
    process.exit(1);
  },
};
