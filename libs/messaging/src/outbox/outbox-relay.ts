import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { ACKS_ALL_IN_SYNC_REPLICAS, createReliableProducer } from '../reliable-producer';
import { StopSignal } from '../stop-signal';
import { groupByTopic, type OutboxRow } from './outbox-message';
import { deletePublishedOutboxRows } from './outbox-retention';
import { RelayLeadership } from './relay-leadership';

export interface OutboxRelayOptions {
  /** The publishing service (e.g. 'accounts'): names the leadership lock and the log lines. */
  service: string;
  database: TenantScopedDatabase;
  kafka: Kafka;
  logger: Logger;
  /** Prepended to each row's topic when sending (`KAFKA_TOPIC_PREFIX`); rows store the plain name. */
  topicPrefix?: string;
  /** Rows per Kafka round trip. */
  batchSize?: number;
  /** Pause between polls while the outbox is empty; a full batch loops again at once. */
  idlePollMs?: number;
  /** How often a non-leader asks for the lock. */
  leadershipPollMs?: number;
  errorBackoffMs?: number;
  /** Delete published rows older than this, swept by the leader every `sweepEveryMs`. */
  retention?: { publishedRowsMaxAgeDays: number; sweepEveryMs?: number };
  /**
   * Runs after the broker acknowledged a batch and before its rows are marked published. Only the
   * crash tests use it, to die at exactly that point; production code never passes it.
   */
  onBatchPublished?: (ids: string[]) => Promise<void>;
}

export interface OutboxRelayMetrics {
  published: number;
  batches: number;
  errors: number;
  isLeader: boolean;
}

/**
 * Selects the next rows to publish. The fence `txid < pg_snapshot_xmin(pg_current_snapshot())`
 * admits only rows of transactions older than every transaction still in flight: those are final
 * (committed or rolled back), and no row can later appear below the fence. Since the relay selects
 * whatever is unpublished (no "position > last seen" cursor), a row that commits late is picked up
 * on a later poll and never skipped.
 *
 * Rows go out in `position` (insert) order, not txid order: txids are handed out at a
 * transaction's first write, so a writer that wrote something else first can hold an older txid
 * while writing an aggregate's NEXT version after another transaction's commit. Two writes of one
 * aggregate are serialised by its row lock, so their positions follow their versions; and the fence
 * releases both together (the older txid holds it back until it ends). The fence is server-wide: a
 * long-running writing transaction anywhere on the server delays publishing, never loses anything.
 */
const SELECT_PUBLISHABLE_ROWS = `
  SELECT "id", "topic", "message_key", "envelope"
  FROM "outbox"
  WHERE "published_at" IS NULL AND "txid" < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY "position"
  LIMIT $1`;

const MARK_PUBLISHED = `UPDATE "outbox" SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`;

/**
 * Publishes outbox rows to Kafka, at least once and in outbox order. One instance per service leads
 * (see RelayLeadership); the others wait. Rows are marked published only after the broker
 * acknowledged them: a crash in between publishes them again, and consumers' inboxes drop the copy.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private producer: Producer;
  private readonly leadership: RelayLeadership;
  private readonly counters = { published: 0, batches: 0, errors: 0 };
  private stopSignal = new StopSignal();
  private running: Promise<void> | undefined;
  private lastSweepAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = options.logger.child({ component: 'outbox-relay', service: options.service });
    this.producer = createReliableProducer(options.kafka);
    this.leadership = new RelayLeadership(options.database.dataSource, `outbox-relay:${options.service}`);
  }

  get metrics(): OutboxRelayMetrics {
    return { ...this.counters, isLeader: this.leadership.isHeld };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopSignal = new StopSignal();
    await this.producer.connect();
    this.running = this.relayUntilStopped();
  }

  /** Finishes the batch in progress (publish and mark), then gives up leadership and disconnects. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopSignal.stop();
    await this.running;
    this.running = undefined;
    try {
      await this.leadership.release();
    } finally {
      await this.producer.disconnect();
    }
  }

  private async relayUntilStopped(): Promise<void> {
    while (!this.stopSignal.isStopped) {
      try {
        if (!(await this.leads())) {
          await this.stopSignal.sleep(this.options.leadershipPollMs ?? 2000);
          continue;
        }
        const relayed = await this.relayNextBatch();
        await this.sweepPublishedRowsIfDue();
        if (relayed < this.batchSize) await this.stopSignal.sleep(this.options.idlePollMs ?? 200);
      } catch (error) {
        this.counters.errors += 1;
        this.logger.error({ err: error }, 'outbox relay failed; unpublished rows stay and are retried');
        await this.stopSignal.sleep(this.options.errorBackoffMs ?? 1000);
      }
    }
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  private async leads(): Promise<boolean> {
    if (this.leadership.isHeld) {
      if (await this.leadership.confirm()) return true;
      this.logger.warn('lost outbox relay leadership: its database connection closed');
    }
    const acquired = await this.leadership.tryAcquire();
    if (acquired) this.logger.info('leading the outbox relay');
    return acquired;
  }

  /** Returns how many rows it published. */
  private async relayNextBatch(): Promise<number> {
    const { database } = this.options;
    const rows: OutboxRow[] = await database.inSystemContext('outbox-relay', (manager) =>
      manager.query(SELECT_PUBLISHABLE_ROWS, [this.batchSize]),
    );
    if (rows.length === 0) return 0;

    try {
      const prefix = this.options.topicPrefix ?? '';
      const topicMessages = groupByTopic(rows).map((batch) => ({ ...batch, topic: prefix + batch.topic }));
      await this.producer.sendBatch({ topicMessages, acks: ACKS_ALL_IN_SYNC_REPLICAS });
    } catch (error) {
      await this.replaceProducer();
      throw error;
    }
    const ids = rows.map((row) => row.id);
    await this.options.onBatchPublished?.(ids);
    await database.inSystemContext('outbox-relay', (manager) => manager.query(MARK_PUBLISHED, [ids]));

    this.counters.published += rows.length;
    this.counters.batches += 1;
    return rows.length;
  }

  /**
   * After a failed send an idempotent producer may hold sequence numbers the broker never saw
   * (kafkajs then fails every later send as out of order); a new producer gets a fresh producer id,
   * and the unmarked rows go out again with it.
   */
  private async replaceProducer(): Promise<void> {
    const failed = this.producer;
    this.producer = createReliableProducer(this.options.kafka);
    await failed.disconnect().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not disconnect the failed producer');
    });
    await this.producer.connect();
  }

  private async sweepPublishedRowsIfDue(): Promise<void> {
    const retention = this.options.retention;
    if (!retention) return;
    const now = Date.now();
    if (now - this.lastSweepAt < (retention.sweepEveryMs ?? 3_600_000)) return;
    this.lastSweepAt = now;
    const deleted = await this.options.database.inSystemContext('outbox-relay', (manager) =>
      deletePublishedOutboxRows(manager, retention.publishedRowsMaxAgeDays),
    );
    if (deleted > 0) this.logger.info({ deleted }, 'deleted old published outbox rows');
  }
}
