import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
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

export interface QuoteExpirySweeperOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  sweepEveryMs: number;
}

/** Sweeps on a timer; every instance may run one, since the update is idempotent. */
export class QuoteExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(private readonly options: QuoteExpirySweeperOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweeping = this.sweep();
    }, this.options.sweepEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  async sweep(now: Date = new Date()): Promise<void> {
    const { database, logger } = this.options;
    try {
      const expired = await database.inSystemContext('scheduler', (manager) =>
        expireOverdueQuotes(manager, todayInUtc(now)),
      );
      if (expired > 0) logger.info({ expired }, 'marked overdue quotes expired');
    } catch (error) {
      logger.error({ err: error }, 'quote expiry sweep failed; it runs again on the next tick');
    }
  }
}
