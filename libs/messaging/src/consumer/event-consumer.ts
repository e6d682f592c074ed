import type { Consumer, ConsumerConfig, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { deadLetterTopic, InvalidEventError, parseEvent, type EventEnvelope } from '@crm/events';
import { ACKS_ALL_IN_SYNC_REPLICAS, createReliableProducer } from '../reliable-producer';
import { StopSignal } from '../stop-signal';
import { deadLetterMessage, type DeadLetterReason } from './dead-letter';
import type { EventHandlers } from './event-handlers';
import { claimInInbox } from './inbox';
import { typeNewerThanCatalog } from './unknown-event-type';
import { nextOffsetToCommit, partitionLag } from './offsets';
import {
  backoffAfterFailure,
  DEFAULT_RETRY_POLICY,
  validateRetryPolicy,
  type RetryPolicy,
} from './retry-policy';

export interface EventConsumerOptions {
  kafka: Kafka;
  /** One group per consuming service and purpose; the inbox de-duplicates per group. */
  groupId: string;
  topics: string[];
  database: TenantScopedDatabase;
  handlers: EventHandlers;
  logger: Logger;
  retry?: RetryPolicy;
  /** Where a group with no committed offset starts: the whole topic (projections) or only new events. */
  fromBeginning?: boolean;
  /** kafkajs consumer settings (session timeout, heartbeat, fetch sizes) over our defaults. */
  consumerConfig?: Partial<Omit<ConsumerConfig, 'groupId'>>;
  /**
   * Runs after the effect's transaction committed and before the offset commit. Only the crash
   * tests use it, to die at exactly that point; production code never passes it.
   */
  beforeOffsetCommit?: (event: EventEnvelope) => Promise<void>;
}

export interface EventConsumerMetrics {
  processed: number;
  duplicatesSkipped: number;
  deadLettered: number;
  /** Types this consumer has no handler for: acknowledged and skipped. */
  unhandledSkipped: number;
  retries: number;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

type Outcome = 'applied' | 'duplicate' | 'unhandled' | 'dead-lettered' | 'interrupted';

/** While a handler waits for its next attempt, keep telling the group this member is alive. */
const HEARTBEAT_SLICE_MS = 1_000;

/**
 * Consumes domain events at least once and applies each exactly once: the event id goes into the
 * inbox in the same transaction as the handler's effect, and the offset is committed only after that
 * transaction committed. A message that can never be valid goes straight to `<topic>.dlq`; one whose
 * handler keeps failing goes there after the retry budget; either way the partition moves on.
 *
 * One message at a time per consumer (kafkajs eachMessage, one partition at a time), which keeps
 * each aggregate's events in order.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly retry: RetryPolicy;
  private readonly consumer: Consumer;
  private readonly deadLetterProducer: Producer;
  private readonly counters: EventConsumerMetrics = {
    processed: 0,
    duplicatesSkipped: 0,
    deadLettered: 0,
    unhandledSkipped: 0,
    retries: 0,
  };
  private readonly highWatermarks = new Map<string, { topic: string; partition: number; offset: string }>();
  private readonly committedOffsets = new Map<string, string>();
  private readonly stopSignal = new StopSignal();
  private inFlight: Promise<void> | undefined;
  private isStarted = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger.child({ component: 'event-consumer', groupId: options.groupId });
    this.retry = validateRetryPolicy(options.retry ?? DEFAULT_RETRY_POLICY);
    this.consumer = options.kafka.consumer({
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // kafkajs waits for an open fetch to return before it stops; a short long-poll keeps
      // shutdown quick without busy polling.
      maxWaitTimeInMs: 1_000,
      ...options.consumerConfig,
      groupId: options.groupId,
    });
    this.deadLetterProducer = createReliableProducer(options.kafka);
    this.consumer.on(this.consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      const key = partitionKey(payload.topic, payload.partition);
      this.highWatermarks.set(key, {
        topic: payload.topic,
        partition: payload.partition,
        offset: payload.highWatermark,
      });
    });
    // A rebalance may take partitions away: their last lag would otherwise be reported forever.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = new Set(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => partitionKey(topic, partition)),
        ),
      );
      for (const key of [...this.highWatermarks.keys(), ...this.committedOffsets.keys()]) {
        if (assigned.has(key)) continue;
        this.highWatermarks.delete(key);
        this.committedOffsets.delete(key);
      }
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
    });
  }

  /** The topics it subscribes to: what must exist before it starts. */
  get topics(): readonly string[] {
    return this.options.topics;
  }

  get metrics(): EventConsumerMetrics {
    return { ...this.counters };
  }

  /** Uncommitted messages per partition, as of the last batch fetched: cheap, for metrics. */
  lag(): PartitionLag[] {
    const lags: PartitionLag[] = [];
    for (const [key, highWatermark] of this.highWatermarks) {
      const committed = this.committedOffsets.get(key);
      if (committed === undefined) continue;
      lags.push({
        topic: highWatermark.topic,
        partition: highWatermark.partition,
        lag: partitionLag(highWatermark.offset, committed),
      });
    }
    return lags;
  }

  /** Joins the group and starts consuming; resolves once partitions are assigned. Starts once. */
  async start(): Promise<void> {
    if (this.isStarted) throw new Error('an EventConsumer starts once; create a new one instead');
    this.isStarted = true;
    await this.deadLetterProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachMessage: (payload) => this.track(this.consumeMessage(payload)),
    });
  }

  /**
   * Stops taking messages, lets the one in progress finish and commit, then leaves the group. A
   * message waiting for a retry is abandoned uncommitted: whoever owns the partition next gets it.
   */
  async stop(): Promise<void> {
    if (!this.isStarted || this.stopSignal.isStopped) return;
    this.stopSignal.stop();
    // Our own wait, before kafkajs's: once kafkajs is stopping it silently drops offset commits.
    await this.inFlight?.catch(() => undefined);
    try {
      await this.consumer.disconnect();
    } finally {
      await this.deadLetterProducer.disconnect();
    }
  }

  private async track(work: Promise<void>): Promise<void> {
    this.inFlight = work;
    try {
      await work;
    } finally {
      if (this.inFlight === work) this.inFlight = undefined;
    }
  }

  private async consumeMessage({
    topic,
    partition,
    message,
    heartbeat,
    pause,
  }: EachMessagePayload): Promise<void> {
    if (this.stopSignal.isStopped) {
      // Returning without a commit leaves the message to the partition's next owner; pausing makes
      // kafkajs stop handing us the rest of the batch.
      pause();
      return;
    }
    const outcome = await this.applyMessage(topic, partition, message, heartbeat);
    if (outcome === 'interrupted') {
      pause();
      return;
    }
    const key = partitionKey(topic, partition);
    const offset = nextOffsetToCommit(message.offset);
    await this.consumer.commitOffsets([{ topic, partition, offset }]);
    this.committedOffsets.set(key, offset);
  }

  private async applyMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    let event: EventEnvelope;
    try {
      event = parseEvent(message.value);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      const newerType = typeNewerThanCatalog(message.value);
      if (newerType !== undefined) {
        this.counters.unhandledSkipped += 1;
        this.logger.debug(
          { type: newerType, topic, partition, offset: message.offset },
          'skipped an event type newer than the catalog',
        );
        return 'unhandled';
      }
      await this.deadLetter(topic, partition, message, 'invalid-event', error, 0);
      return 'dead-lettered';
    }

    const handler = this.options.handlers[event.type];
    if (!handler) {
      this.counters.unhandledSkipped += 1;
      return 'unhandled';
    }

    for (let attempt = 1; ; attempt += 1) {
      let isApplied: boolean;
      try {
        isApplied = await this.options.database.inTenant(event.tenantid, async (manager) => {
          if (!(await claimInInbox(manager, this.options.groupId, event))) return false;
          await handler(manager, event);
          // PostgreSQL answers COMMIT of a transaction in which a statement failed with a silent
          // ROLLBACK: a handler that caught such a failure would lose its effect and the inbox row
          // while the offset still got committed. Any statement fails in an aborted transaction,
          // which turns that case into a handler failure (retried, then dead-lettered).
          await manager.query('SELECT 1');
          return true;
        });
      } catch (error) {
        if (attempt >= this.retry.attempts) {
          await this.assertDatabaseAnswers(error);
          await this.deadLetter(topic, partition, message, 'handler-failed', error, attempt, event);
          return 'dead-lettered';
        }
        this.counters.retries += 1;
        const delayMs = backoffAfterFailure(this.retry, attempt);
        this.logger.warn(
          { err: error, eventId: event.id, type: event.type, attempt, delayMs },
          'event handler failed; retrying',
        );
        if (await this.waitBeforeRetry(delayMs, heartbeat)) return 'interrupted';
        continue;
      }
      if (isApplied) this.counters.processed += 1;
      else this.counters.duplicatesSkipped += 1;
      await this.options.beforeOffsetCommit?.(event);
      return isApplied ? 'applied' : 'duplicate';
    }
  }

  /**
   * Every handler fails alike while PostgreSQL is down or failing over: that is an outage, not a
   * poison message, and dead-lettering would drop every event consumed meanwhile. Throwing leaves
   * the message uncommitted; kafkajs delivers it again once it restarts the consumer.
   */
  private async assertDatabaseAnswers(handlerError: unknown): Promise<void> {
    try {
      await this.options.database.dataSource.query('SELECT 1');
    } catch (error) {
      this.logger.error({ err: error }, 'database unreachable; leaving the message for a later delivery');
      throw handlerError;
    }
  }

  /** Sleeps in slices with heartbeats in between; true when `stop()` cut the wait short. */
  private async waitBeforeRetry(delayMs: number, heartbeat: () => Promise<void>): Promise<boolean> {
    let remainingMs = delayMs;
    while (remainingMs > 0) {
      const sliceMs = Math.min(remainingMs, HEARTBEAT_SLICE_MS);
      if (await this.stopSignal.sleep(sliceMs)) return true;
      remainingMs -= sliceMs;
      // Throws when the group is rebalancing: the message stays uncommitted for the next owner.
      await heartbeat();
    }
    return this.stopSignal.isStopped;
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: unknown,
    attempts: number,
    event?: EventEnvelope,
  ): Promise<void> {
    const failedAt = new Date();
    await this.deadLetterProducer.send({
      topic: deadLetterTopic(topic),
      messages: [
        deadLetterMessage({
          topic,
          partition,
          message,
          consumerGroup: this.options.groupId,
          reason,
          error,
          attempts,
          failedAt,
        }),
      ],
      acks: ACKS_ALL_IN_SYNC_REPLICAS,
    });
    this.counters.deadLettered += 1;
    this.logger.error(
      {
        err: error,
        topic,
        partition,
        offset: message.offset,
        reason,
        attempts,
        eventId: event?.id,
        type: event?.type,
      },
      'message moved to the dead-letter topic',
    );
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
