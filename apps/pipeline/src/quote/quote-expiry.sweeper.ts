import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { PeriodicTask } from '@crm/service-runtime';
import { todayInUtc } from '../common/field-rules';

/**
 * Records EXPIRED on DRAFT and SENT quotes whose validUntil (a UTC date) has passed, for every
 * tenant at once, in the 'scheduler' system context (the quotes table admits it; see the migration).
 * Reads and transitions already treat such quotes as expired; this only brings the stored status,
 * and so filters and exports, in line. Nothing is published: no consumer acts on an expiry.
 */
export async function expireOverdueQuotes(
  manager: EntityManager,
  today: string,
  /** Only this quote (a transition that found it overdue); all overdue quotes when absent. */
  quoteId?: string,
): Promise<number> {
  const [, expired] = (await manager.query(
    `UPDATE "quotes" SET "status" = 'EXPIRED', "version" = "version" + 1, "updated_at" = now()
     WHERE "status" IN ('DRAFT', 'SENT') AND "valid_until" < $1::date AND ($2::uuid IS NULL OR "id" = $2)`,
    [today, quoteId ?? null],
  )) as [unknown[], number];
  return expired;
}

export interface QuoteExpiryTaskOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  sweepEveryMs: number;
}

/** Sweeps on a timer; every instance may run one, since the update is idempotent. */
export function quoteExpiryTask(options: QuoteExpiryTaskOptions): PeriodicTask {
  const { database, logger } = options;
  return new PeriodicTask({
    name: 'quote expiry sweep',
    everyMs: options.sweepEveryMs,
    logger,
    run: async () => {
      const expired = await database.inSystemContext('scheduler', (manager) =>
        expireOverdueQuotes(manager, todayInUtc(new Date())),
      );
      if (expired > 0) logger.info({ expired }, 'marked overdue quotes expired');
    },
  });
}
