import type { Logger } from 'pino';
import { hydrateEntities, type TenantScopedDatabase } from '@crm/database';
import { insertActivity } from '../activity/activity.service';
import { PeriodicJob } from '../common/periodic-job';
import { CustomerMessageEntity, type MessageChannel } from './customer-message.entity';
import type { MessageSender } from './message-sender';

export interface CustomerMessageDispatcherOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  senders: MessageSender[];
  intervalMs: number;
  /** A SENDING row older than this was cut off by a crash mid-send. */
  sendLeaseMs: number;
  /** Failed sends are retried this many times in all before the message is FAILED. */
  maxAttempts?: number;
  batchSize?: number;
  /**
   * Runs after the far end accepted a message and before its outcome is recorded. Only the crash
   * tests use it, to die at exactly that point; production code never passes it.
   */
  afterSend?: (message: CustomerMessageEntity) => Promise<void>;
}

export interface CustomerMessageDispatcherMetrics {
  sent: number;
  failed: number;
  unconfirmed: number;
}

/**
 * Sends the customer messages the event consumer recorded as intents, each at most once per
 * channel that cannot de-duplicate, exactly once where the provider can:
 *
 * 1. claim: PENDING → SENDING (attempts + 1, claimed_at), committed before anything is sent;
 * 2. send, with the message id as SMTP Message-ID / SMS Idempotency-Key;
 * 3. record: SENDING → SENT, the outbound activity on the customer's timeline, ActivityLogged.
 *
 * A crash between 2 and 3 leaves the row SENDING. After the lease, an idempotent channel (SMS) sends
 * again with the same key, which the provider answers without a second message; SMTP cannot, so the
 * row becomes UNCONFIRMED instead of risking a second email (README: "Exactly-once customer messages").
 */
export class CustomerMessageDispatcher {
  private readonly job: PeriodicJob;
  private readonly senders: Map<MessageChannel, MessageSender>;
  private readonly counters: CustomerMessageDispatcherMetrics = { sent: 0, failed: 0, unconfirmed: 0 };

  constructor(private readonly options: CustomerMessageDispatcherOptions) {
    this.senders = new Map(options.senders.map((sender) => [sender.channel, sender]));
    this.job = new PeriodicJob({
      name: 'customer-message-dispatcher',
      intervalMs: options.intervalMs,
      logger: options.logger,
      run: () => this.dispatchPending(),
    });
  }

  /** Since start: what an operator watches (UNCONFIRMED messages need a look at the relay's log). */
  get metrics(): CustomerMessageDispatcherMetrics {
    return { ...this.counters };
  }

  start(): void {
    this.job.start();
  }

  async stop(): Promise<void> {
    await this.job.stop();
  }

  /** One pass over every tenant with messages waiting; returns how many were sent. */
  async dispatchPending(now: Date = new Date()): Promise<number> {
    const tenants: { tenant_id: string }[] = await this.options.database.inSystemContext(
      'scheduler',
      (manager) =>
        manager.query(
          `SELECT DISTINCT "tenant_id" FROM "customer_messages" WHERE "status" IN ('PENDING', 'SENDING')`,
        ),
    );
    let sent = 0;
    for (const { tenant_id: tenantId } of tenants) {
      await this.recoverInterruptedSends(tenantId, now);
      for (const message of await this.claim(tenantId)) {
        if (await this.sendOne(message)) sent += 1;
      }
    }
    return sent;
  }

  private async recoverInterruptedSends(tenantId: string, now: Date): Promise<void> {
    const staleBefore = new Date(now.getTime() - this.options.sendLeaseMs);
    const retryable = [...this.senders.values()]
      .filter((sender) => sender.isIdempotent)
      .map((s) => s.channel);
    await this.options.database.inTenant(tenantId, async (manager) => {
      await manager.query(
        `UPDATE "customer_messages" SET "status" = 'PENDING', "updated_at" = now()
         WHERE "tenant_id" = $1 AND "status" = 'SENDING' AND "claimed_at" < $2 AND "channel"::text = ANY($3::text[])`,
        [tenantId, staleBefore, retryable],
      );
      const [unconfirmed]: [{ id: string }[], number] = await manager.query(
        `UPDATE "customer_messages"
         SET "status" = 'UNCONFIRMED', "updated_at" = now(),
             "reason" = 'interrupted after it was handed to the channel; not resent, to avoid a duplicate'
         WHERE "tenant_id" = $1 AND "status" = 'SENDING' AND "claimed_at" < $2
         RETURNING "id"`,
        [tenantId, staleBefore],
      );
      for (const { id } of unconfirmed) {
        this.counters.unconfirmed += 1;
        this.options.logger.error(
          { tenantId, messageId: id },
          'customer message UNCONFIRMED: a send was cut off; check the relay log for its Message-ID before resending',
        );
      }
    });
  }

  private claim(tenantId: string): Promise<CustomerMessageEntity[]> {
    return this.options.database.inTenant(tenantId, async (manager) => {
      const [rows]: [Record<string, unknown>[], number] = await manager.query(
        `UPDATE "customer_messages" SET "status" = 'SENDING', "attempts" = "attempts" + 1,
                "claimed_at" = now(), "updated_at" = now()
         WHERE "tenant_id" = $1 AND "id" IN (
           SELECT "id" FROM "customer_messages" WHERE "tenant_id" = $1 AND "status" = 'PENDING'
           ORDER BY "created_at" LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [tenantId, this.options.batchSize ?? 50],
      );
      // RETURNING keeps no order: oldest first, as claimed.
      return hydrateEntities(manager, CustomerMessageEntity, rows).sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
      );
    });
  }

  private async sendOne(message: CustomerMessageEntity): Promise<boolean> {
    const sender = this.senders.get(message.channel);
    let providerMessageId: string;
    try {
      if (!sender) throw new Error(`no ${message.channel} channel is configured`);
      providerMessageId = await sender.send({
        id: message.id,
        recipient: message.recipient as string,
        fromAddress: message.fromAddress,
        subject: message.subject,
        body: message.body,
      });
    } catch (error) {
      await this.recordFailure(message, error);
      return false;
    }
    await this.options.afterSend?.(message);
    await this.recordSent(message, providerMessageId);
    this.counters.sent += 1;
    return true;
  }

  private recordSent(message: CustomerMessageEntity, providerMessageId: string): Promise<void> {
    return this.options.database.inTenant(message.tenantId, async (manager) => {
      const sentAt = new Date();
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE "customer_messages" SET "status" = 'SENT', "sent_at" = $3, "provider_message_id" = $4, "updated_at" = now()
         WHERE "tenant_id" = $1 AND "id" = $2 AND "status" = 'SENDING'`,
        [message.tenantId, message.id, sentAt, providerMessageId],
      );
      if (updated === 0) return; // recovered meanwhile by another instance: it logs nothing twice
      await insertActivity(
        manager,
        message.tenantId,
        {
          type: message.channel === 'EMAIL' ? 'EMAIL' : 'MESSAGE',
          channel: message.channel,
          direction: 'OUTBOUND',
          status: 'DONE',
          subject: message.subject,
          body: message.body,
          startsAt: sentAt,
          endsAt: null,
          outcome: null,
          accountId: message.accountId,
          contactIds: [],
          opportunityId: null,
          orderId: message.orderId,
          ownerId: null,
        },
        'system',
      );
    });
  }

  private async recordFailure(message: CustomerMessageEntity, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const isFinal = message.attempts >= (this.options.maxAttempts ?? 5);
    if (isFinal) this.counters.failed += 1;
    this.options.logger.warn({ err: error, messageId: message.id, isFinal }, 'customer message not sent');
    await this.options.database.inTenant(message.tenantId, (manager) =>
      manager.query(
        `UPDATE "customer_messages" SET "status" = $3, "reason" = $4, "updated_at" = now()
         WHERE "tenant_id" = $1 AND "id" = $2 AND "status" = 'SENDING'`,
        [message.tenantId, message.id, isFinal ? 'FAILED' : 'PENDING', reason],
      ),
    );
  }
}
