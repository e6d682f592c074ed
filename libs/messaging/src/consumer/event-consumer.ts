import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { deadLetterTopic, InvalidEventError, parseEvent, type EventEnvelope } from '@crm/events';
import { ACKS_ALL_IN_SYNC_REPLICAS, createReliableProducer } from '../reliable-producer';
import { StopSignal } from '../stop-signal';
import { deadLetterMessage, type DeadLetterReason } from './dead-letter';
import type { EventHandler, EventHandlers, TransactionHooks } from './event-handlers';
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
  /** Runs around the handlers of every transaction (a shared run or a single event). */
  transactionHooks?: TransactionHooks;
  logger: Logger;
  retry?: RetryPolicy;
  /** Where a group with no committed offset starts: the whole topic (projections) or only new events. */
  fromBeginning?: boolean;
  /**
   * How many consecutive events of one tenant from a fetched batch are applied in one transaction
   * (default 100). One commit and one offset commit per run instead of per event is what lets a
   * projection keep up with a busy topic; 1 applies every event in a transaction of its own.
   */
  maxEventsPerTransaction?: number;
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

/** A fetched message, parsed once: an event to apply, one to skip, or one that can never be valid. */
type Delivery =
  | { kind: 'event'; message: KafkaMessage; event: EventEnvelope; handler: EventHandler }
  | { kind: 'skipped'; message: KafkaMessage; newerType?: string }
  | { kind: 'invalid'; message: KafkaMessage; error: InvalidEventError };

/** While a handler waits for its next attempt, keep telling the group this member is alive. */
const HEARTBEAT_SLICE_MS = 1_000;

const DEFAULT_MAX_EVENTS_PER_TRANSACTION = 100;

/**
 * Consumes domain events at least once and applies each exactly once: the event id goes into the
 * inbox in the same transaction as the handler's effect, and the offset is committed only after that
 * transaction committed. A message that can never be valid goes straight to `<topic>.dlq`; one whose
 * handler keeps failing goes there after the retry budget; either way the partition moves on.
 *
 * Messages are taken in offset order, one partition at a time, which keeps each aggregate's events
 * in order. Consecutive events of one tenant are applied in one transaction (up to
 * `maxEventsPerTransaction`); when that transaction fails, the same events are applied again one
 * per transaction, so a failing event is retried and dead-lettered alone.
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
  private readonly maxEventsPerTransaction: number;
  private inFlight: Promise<void> | undefined;
  private isStarted = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger.child({ component: 'event-consumer', groupId: options.groupId });
    this.retry = validateRetryPolicy(options.retry ?? DEFAULT_RETRY_POLICY);
    this.maxEventsPerTransaction = options.maxEventsPerTransaction ?? DEFAULT_MAX_EVENTS_PER_TRANSACTION;
    if (!Number.isInteger(this.maxEventsPerTransaction) || this.maxEventsPerTransaction < 1)
      throw new Error(
        `maxEventsPerTransaction must be a positive integer, got ${this.maxEventsPerTransaction}`,
      );
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
      // Unresolved messages are fetched again: what a stop or a retry interruption leaves behind.
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.track(this.consumeBatch(payload)),
    });
  }

  /**
   * Stops taking messages, lets the event in progress finish and commit (with the events of its
   * transaction applied before it), then leaves the group. A message waiting for a retry is
   * abandoned uncommitted: whoever owns the partition next gets it.
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

  private async consumeBatch({ batch, resolveOffset, heartbeat, pause, isRunning }: EachBatchPayload) {
    const { topic, partition } = batch;
    const deliveries = batch.messages.map((message) => this.classify(message));
    let next = 0;
    while (next < deliveries.length) {
      if (this.stopSignal.isStopped || !isRunning()) {
        // Left unresolved and uncommitted for the partition's next owner; pausing makes kafkajs
        // stop handing us this partition.
        pause();
        return;
      }
      const run = nextRun(deliveries, next, this.maxEventsPerTransaction);
      const applied = await this.applyTogether(run);
      if (applied > 0) {
        await this.commit(topic, partition, run[applied - 1].message, resolveOffset);
        next += applied;
      } else {
        for (const delivery of run) {
          const outcome = await this.applyAlone(topic, partition, delivery, heartbeat);
          if (outcome === 'interrupted') {
            pause();
            return;
          }
          await this.commit(topic, partition, delivery.message, resolveOffset);
          next += 1;
          if (this.stopSignal.isStopped) break;
        }
      }
      await heartbeat();
    }
  }

  private async commit(
    topic: string,
    partition: number,
    message: KafkaMessage,
    resolveOffset: (offset: string) => void,
  ): Promise<void> {
    const offset = nextOffsetToCommit(message.offset);
    await this.consumer.commitOffsets([{ topic, partition, offset }]);
    resolveOffset(message.offset);
    this.committedOffsets.set(partitionKey(topic, partition), offset);
  }

  private classify(message: KafkaMessage): Delivery {
    let event: EventEnvelope;
    try {
      event = parseEvent(message.value);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      const newerType = typeNewerThanCatalog(message.value);
      if (newerType !== undefined) return { kind: 'skipped', message, newerType };
      return { kind: 'invalid', message, error };
    }
    const handler = this.options.handlers[event.type] as EventHandler | undefined;
    if (handler === undefined) return { kind: 'skipped', message };
    return { kind: 'event', message, event, handler };
  }

  /**
   * Applies a run of two or more events in one transaction and returns how many deliveries it
   * settled (fewer than the run when `stop()` came in between); 0 when the run is too short to
   * share a transaction or the transaction failed, and nothing of it was applied.
   */
  private async applyTogether(run: Delivery[]): Promise<number> {
    const events = run.filter((delivery) => delivery.kind === 'event');
    const tenantId = events[0]?.event.tenantid;
    if (events.length < 2) return 0;
    let outcomes: Outcome[] = [];
    try {
      await this.options.database.inTenant(tenantId, async (manager) => {
        outcomes = [];
        await this.options.transactionHooks?.beforeEvents?.(
          manager,
          events.map(({ event }) => event),
        );
        for (const delivery of run) {
          if (outcomes.length > 0 && this.stopSignal.isStopped) break;
          if (delivery.kind !== 'event') {
            outcomes.push('unhandled');
            continue;
          }
          const isClaimed = await claimInInbox(manager, this.options.groupId, delivery.event);
          if (isClaimed) await delivery.handler(manager, delivery.event);
          outcomes.push(isClaimed ? 'applied' : 'duplicate');
        }
        await this.options.transactionHooks?.afterEvents?.(manager);
        await manager.query('SELECT 1');
      });
    } catch (error) {
      this.logger.debug({ err: error, events: events.length }, 'a shared transaction failed; applying alone');
      return 0;
    }
    for (const [index, outcome] of outcomes.entries()) {
      this.count(outcome);
      const delivery = run[index];
      if (delivery.kind === 'event') await this.options.beforeOffsetCommit?.(delivery.event);
    }
    return outcomes.length;
  }

  private count(outcome: Outcome): void {
    if (outcome === 'applied') this.counters.processed += 1;
    else if (outcome === 'duplicate') this.counters.duplicatesSkipped += 1;
    else if (outcome === 'unhandled') this.counters.unhandledSkipped += 1;
  }

  private async applyAlone(
    topic: string,
    partition: number,
    delivery: Delivery,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const { message } = delivery;
    if (delivery.kind === 'invalid') {
      await this.deadLetter(topic, partition, message, 'invalid-event', delivery.error, 0);
      return 'dead-lettered';
    }
    if (delivery.kind === 'skipped') {
      if (delivery.newerType !== undefined)
        this.logger.debug(
          { type: delivery.newerType, topic, partition, offset: message.offset },
          'skipped an event type newer than the catalog',
        );
      this.count('unhandled');
      return 'unhandled';
    }

    const { event, handler } = delivery;
    for (let attempt = 1; ; attempt += 1) {
      let isApplied: boolean;
      try {
        isApplied = await this.options.database.inTenant(event.tenantid, async (manager) => {
          if (!(await claimInInbox(manager, this.options.groupId, event))) return false;
          await this.options.transactionHooks?.beforeEvents?.(manager, [event]);
          await handler(manager, event);
          await this.options.transactionHooks?.afterEvents?.(manager);
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
      const outcome = isApplied ? 'applied' : 'duplicate';
      this.count(outcome);
      await this.options.beforeOffsetCommit?.(event);
      return outcome;
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

/**
 * The deliveries from `start` that may share a transaction: consecutive events of the first event's
 * tenant (skipped messages ride along), at most `maxEvents` events. A message that can never be
 * valid is a run of its own.
 */
function nextRun(deliveries: Delivery[], start: number, maxEvents: number): Delivery[] {
  if (deliveries[start].kind === 'invalid') return [deliveries[start]];
  const run: Delivery[] = [];
  let tenantId: string | undefined;
  let events = 0;
  for (let index = start; index < deliveries.length; index += 1) {
    const delivery = deliveries[index];
    if (delivery.kind === 'invalid') break;
    if (delivery.kind === 'event') {
      if (events === maxEvents || (tenantId !== undefined && delivery.event.tenantid !== tenantId)) break;
      tenantId = delivery.event.tenantid;
      events += 1;
    }
    run.push(delivery);
  }
  return run;
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
