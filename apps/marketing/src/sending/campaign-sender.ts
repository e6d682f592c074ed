import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { ConflictError } from '@crm/subgraph';
import type { MarketingChannel } from '../consent/consent.types';
import type { PublicLinks } from '../tracking/public-links';
import { composeMessage } from './compose-message';
import { PermanentDeliveryError, type MessageTransport } from './outbound-message';
import { Pacer } from './pacer';
import { claimNextRecipient, finishCampaignIfDone, recordFailure, recordSent } from './recipient-claims';

export interface CampaignSenderOptions {
  database: TenantScopedDatabase;
  transports: Record<MarketingChannel, MessageTransport>;
  links: PublicLinks;
  logger: Logger;
  ratePerSecond: number;
  /** Recipients in flight at once: each is one claim → send → record sequence. */
  concurrency: number;
  idlePollMs: number;
  leaseSeconds: number;
  /** Launches a SCHEDULED campaign whose time has come (the same path as launchCampaign). */
  launchScheduled(tenantId: string, campaignId: string): Promise<unknown>;
}

const MESSAGES_PER_TURN = 200;

interface Work {
  tenant_id: string;
  campaign_id: string;
  status: 'SENDING' | 'SCHEDULED';
}

/**
 * The sender loop, one per process. Per recipient: claim (mark SENDING, commit) → send → record
 * (SENT + CampaignMessageSent, commit). A crash after the claim and before the record leaves the
 * recipient SENDING: once its lease expires a sender sends it again with the SAME Message-ID. That
 * window (the SMTP server accepted, our record did not commit) is the only way a recipient can
 * receive a second copy, and the copy is identical and de-duplicable by Message-ID; it holds at
 * most `concurrency` recipients per sender, since each worker claims one recipient at a time.
 * Replicas share the work safely: the claim uses FOR UPDATE SKIP LOCKED.
 */
export class CampaignSender {
  private readonly pacer: Pacer;
  private readonly logger: Logger;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: CampaignSenderOptions) {
    this.pacer = new Pacer(options.ratePerSecond);
    this.logger = options.logger.child({ component: 'campaign-sender' });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Lets the message in flight finish and be recorded, then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await Promise.all(Object.values(this.options.transports).map((transport) => transport.close()));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let didWork = false;
      try {
        didWork = await this.pass();
      } catch (error) {
        this.logger.error({ err: error }, 'sender pass failed; retrying after a pause');
      }
      if (!didWork) await this.sleep(this.options.idlePollMs);
    }
  }

  private async pass(): Promise<boolean> {
    const work: Work[] = await this.options.database.dataSource.query(
      `SELECT * FROM "campaigns_with_work"()`,
    );
    let didWork = false;
    for (const item of work) {
      if (this.stopped) break;
      if (item.status === 'SCHEDULED') {
        await this.options.launchScheduled(item.tenant_id, item.campaign_id).catch((error: unknown) => {
          // Another replica launched it first, or someone cancelled it: nothing to do.
          if (!(error instanceof ConflictError)) throw error;
        });
        didWork = true;
      } else {
        didWork = (await this.sendCampaign(item.tenant_id, item.campaign_id)) || didWork;
      }
    }
    return didWork;
  }

  /**
   * One turn of a campaign: `concurrency` workers each claim → send → record one recipient at a
   * time, together at most MESSAGES_PER_TURN, so one tenant's big campaign does not hold back
   * everyone else's.
   */
  private async sendCampaign(tenantId: string, campaignId: string): Promise<boolean> {
    let budget = MESSAGES_PER_TURN;
    let sentAny = false;
    const worker = async () => {
      while (!this.stopped && budget > 0) {
        budget -= 1;
        if (!(await this.sendNextRecipient(tenantId, campaignId))) return;
        sentAny = true;
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    const finished = await this.options.database.inTenant(tenantId, (manager) =>
      finishCampaignIfDone(manager, tenantId, campaignId),
    );
    if (finished) this.logger.info({ tenantId, campaignId }, 'campaign sent');
    return sentAny;
  }

  /** False when the campaign has nobody left to claim right now. */
  private async sendNextRecipient(tenantId: string, campaignId: string): Promise<boolean> {
    const { database, leaseSeconds } = this.options;
    const claim = await database.inTenant(tenantId, (manager) =>
      claimNextRecipient(manager, tenantId, campaignId, leaseSeconds),
    );
    if (claim === null) return false;
    if (claim.kind === 'skipped') return true;
    await this.sleep(this.pacer.reserve(), { ignoreStop: true });
    try {
      await this.options.transports[claim.delivery.channel].send(
        composeMessage(claim.delivery, this.options.links),
      );
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      this.logger.warn(
        { err: error, campaignId, accountId: claim.delivery.accountId, permanent },
        'message not delivered',
      );
      await database.inTenant(tenantId, (manager) =>
        recordFailure(manager, claim.delivery, {
          permanent,
          isBounce: permanent && error.isBounce,
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
      return true;
    }
    await database.inTenant(tenantId, (manager) => recordSent(manager, claim));
    return true;
  }

  /** A claimed message is always sent and recorded, even during shutdown: `ignoreStop`. */
  private sleep(ms: number, { ignoreStop = false } = {}): Promise<void> {
    if (ms <= 0 || (this.stopped && !ignoreStop)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      if (!ignoreStop) this.wake = done;
    });
  }
}
