import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TenantScopedDatabase } from '@crm/database';
import { consumerGroupId, subscribedTopics } from '@crm/messaging';
import { createAnalyticsDataSource } from '../database';
import { createReadModelConsumer, READ_MODEL_PURPOSE } from '../events/read-model-consumer';
import { PROJECTED_SERVICES } from '../projection/projection-handlers';
import { endOffsets, groupOffsets, remainingMessages, totalMessages, type Offsets } from './replay-progress';
import { createRebuildSchema, dropSchema, lockLiveTables, swapInRebuiltTables } from './rebuild-schema';

export interface RebuildOptions {
  /** The owning role: the rebuild creates schemas and moves tables. */
  ownerDatabaseUrl: string;
  kafka: Kafka;
  topicPrefix: string;
  defaultTimeZone: string;
  logger: Logger;
  onProgress?: (progress: RebuildProgress) => void;
  progressEveryMs?: number;
}

export interface RebuildProgress {
  phase: 'replaying' | 'swapping' | 'done';
  /** Messages of the topics replayed so far, and in total, as of the replay's start (or the swap's). */
  replayed: number;
  total: number;
}

export interface RebuildReport {
  runId: string;
  replayedMessages: number;
}

/** Connection string whose sessions resolve unqualified table names in `schema` first. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema},public`);
  return parsed.toString();
}

/**
 * Rebuilds the read model from the topics alone: a new consumer group replays every topic from
 * offset 0 into empty copies of the tables (schema `analytics_rebuild_<run>`), through the same
 * projection code as the live consumer. Once it has caught up, one transaction locks the live
 * tables (the live consumer waits; queries go on), lets the replay reach the very end of the topics,
 * and swaps the rebuilt tables in. The live consumer then resumes on the rebuilt tables, whose inbox
 * already holds every event the replay applied under the live group's name.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<RebuildReport> {
  const runId = Date.now().toString(36);
  const schema = `analytics_rebuild_${runId}`;
  const retiredSchema = `analytics_retired_${runId}`;
  const rebuildPurpose = `rebuild-${runId}`;
  const rebuildGroup = consumerGroupId(options.topicPrefix, 'analytics', rebuildPurpose);
  const liveGroup = consumerGroupId(options.topicPrefix, 'analytics', READ_MODEL_PURPOSE);
  const topics = subscribedTopics(options.topicPrefix, PROJECTED_SERVICES);
  const report = options.onProgress ?? (() => undefined);

  const owner = createAnalyticsDataSource(options.ownerDatabaseUrl, {
    applicationName: 'crm-analytics-rebuild',
  });
  await owner.dataSource.initialize();
  const replay = createAnalyticsDataSource(withSearchPath(options.ownerDatabaseUrl, schema), {
    applicationName: 'crm-analytics-rebuild',
  });
  const admin = options.kafka.admin();
  await admin.connect();
  const consumer = createReadModelConsumer({
    kafka: options.kafka,
    database: new TenantScopedDatabase(replay.dataSource),
    logger: options.logger,
    topicPrefix: options.topicPrefix,
    defaultTimeZone: options.defaultTimeZone,
    purpose: rebuildPurpose,
  });
  let replayed = 0;
  try {
    const setup = owner.dataSource.createQueryRunner();
    try {
      await createRebuildSchema(setup, schema);
    } finally {
      await setup.release();
    }
    await replay.dataSource.initialize();
    const target = await endOffsets(admin, topics);
    options.logger.info(
      { schema, group: rebuildGroup, messages: totalMessages(target) },
      'replaying every topic',
    );
    await consumer.start();
    replayed = await waitForReplay(
      admin,
      rebuildGroup,
      topics,
      target,
      (done) => report({ phase: 'replaying', replayed: done, total: totalMessages(target) }),
      options.progressEveryMs,
    );

    const swap = owner.dataSource.createQueryRunner();
    try {
      await swap.startTransaction();
      await lockLiveTables(swap);
      const finalTarget = await endOffsets(admin, topics);
      replayed = await waitForReplay(
        admin,
        rebuildGroup,
        topics,
        finalTarget,
        (done) => report({ phase: 'swapping', replayed: done, total: totalMessages(finalTarget) }),
        options.progressEveryMs,
      );
      await consumer.stop();
      await swapInRebuiltTables(swap, { schema, retiredSchema, rebuildGroup, liveGroup });
      await swap.commitTransaction();
    } catch (error) {
      if (swap.isTransactionActive) await swap.rollbackTransaction();
      throw error;
    } finally {
      await swap.release();
    }
    report({ phase: 'done', replayed, total: replayed });
    return { runId, replayedMessages: replayed };
  } finally {
    await consumer.stop();
    await admin.deleteGroups([rebuildGroup]).catch(() => undefined);
    await admin.disconnect();
    if (replay.dataSource.isInitialized) await replay.dataSource.destroy();
    const cleanup = owner.dataSource.createQueryRunner();
    try {
      // The rebuilt schema is empty after a swap; after a failure it holds the partial replay.
      await dropSchema(cleanup, schema);
      await dropSchema(cleanup, retiredSchema);
    } finally {
      await cleanup.release();
      await owner.dataSource.destroy();
    }
  }
}

async function waitForReplay(
  admin: Awaited<ReturnType<Kafka['admin']>>,
  groupId: string,
  topics: string[],
  target: Offsets,
  onProgress: (replayed: number) => void,
  everyMs = 1_000,
): Promise<number> {
  const total = totalMessages(target);
  for (;;) {
    const remaining = remainingMessages(target, await groupOffsets(admin, groupId, topics));
    onProgress(total - remaining);
    if (remaining === 0) return total;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
