import type { EntityManager } from 'typeorm';
import { CampaignMessageSent, SYSTEM_ACTOR } from '@crm/events';
import { publishEvent } from '@crm/messaging';
import type { MarketingChannel } from '../consent/consent.types';
import type { Delivery } from './compose-message';

interface ClaimedRow {
  account_id: string;
  message_id: string;
  channel: MarketingChannel;
  subject: string | null;
  body: string;
  consent: string | null;
  erased: boolean | null;
  kind: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  city: string | null;
  address: string | null;
  contact_first_name: string | null;
}

export type Claim =
  | { kind: 'deliver'; delivery: Delivery; campaignName: string; campaignVersion: number }
  | { kind: 'skipped' }
  | null;

/**
 * Step 1 of claim → send → record. In one transaction: lock the next recipient that is QUEUED (or
 * SENDING with an expired lease: its sender died mid-send), re-check consent as it is NOW (an
 * opt-out committed before this point stops the message), and mark it SENDING. The send happens
 * after this commits; the outcome is recorded by `recordSent` / `recordFailure`.
 */
export async function claimNextRecipient(
  manager: EntityManager,
  tenantId: string,
  campaignId: string,
  leaseSeconds: number,
): Promise<Claim> {
  const [row]: (ClaimedRow & { campaign_name: string; campaign_version: number })[] = await manager.query(
    `WITH "next" AS (
       SELECT "account_id" FROM "campaign_recipients"
       WHERE "tenant_id" = $1 AND "campaign_id" = $2
         AND (("status" = 'QUEUED' AND ("retry_at" IS NULL OR "retry_at" <= now()))
              OR ("status" = 'SENDING' AND "claimed_at" < now() - make_interval(secs => $3::int)))
       ORDER BY "account_id" LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     SELECT "r"."account_id", "r"."message_id", "c"."channel", "c"."subject", "c"."body",
       "c"."name" AS "campaign_name", "c"."version" AS "campaign_version",
       "consent"."state" AS "consent", "p"."erased", "p"."kind", "p"."first_name", "p"."last_name",
       "p"."display_name", "p"."city",
       CASE WHEN "c"."channel" = 'EMAIL' THEN COALESCE("p"."emails"[1], "pc"."emails"[1])
            ELSE COALESCE("p"."phones"[1], "pc"."phones"[1]) END AS "address",
       "pc"."first_name" AS "contact_first_name"
     FROM "next"
     JOIN "campaign_recipients" "r" ON "r"."tenant_id" = $1 AND "r"."campaign_id" = $2 AND "r"."account_id" = "next"."account_id"
     JOIN "campaigns" "c" ON "c"."tenant_id" = $1 AND "c"."id" = $2 AND "c"."status" = 'SENDING'
     LEFT JOIN "customer_profiles" "p" ON "p"."tenant_id" = $1 AND "p"."account_id" = "r"."account_id"
     LEFT JOIN "consents" "consent" ON "consent"."tenant_id" = $1 AND "consent"."account_id" = "r"."account_id"
       AND "consent"."channel" = "c"."channel"
     LEFT JOIN LATERAL (
       SELECT "first_name", "emails", "phones" FROM "profile_contacts"
       WHERE "tenant_id" = $1 AND "account_id" = "r"."account_id" AND "is_primary" LIMIT 1
     ) "pc" ON true`,
    [tenantId, campaignId, leaseSeconds],
  );
  if (!row) return null;
  const settle = (status: string, error: string | null) =>
    manager.query(
      `UPDATE "campaign_recipients" SET "status" = $4, "error" = $5, "claimed_at" = NULL
       WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3`,
      [tenantId, campaignId, row.account_id, status, error],
    );
  if (row.consent !== 'OPTED_IN') {
    await settle('SKIPPED_NO_CONSENT', null);
    return { kind: 'skipped' };
  }
  if (row.erased || !row.address) {
    await settle(
      'FAILED',
      row.erased
        ? 'the account was erased'
        : `no ${row.channel === 'EMAIL' ? 'email address' : 'phone number'}`,
    );
    return { kind: 'skipped' };
  }
  await manager.query(
    `UPDATE "campaign_recipients" SET "status" = 'SENDING', "claimed_at" = now(), "attempts" = "attempts" + 1
     WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3`,
    [tenantId, campaignId, row.account_id],
  );
  return {
    kind: 'deliver',
    campaignName: row.campaign_name,
    campaignVersion: row.campaign_version,
    delivery: {
      tenantId,
      campaignId,
      accountId: row.account_id,
      channel: row.channel,
      messageId: row.message_id,
      address: row.address,
      subject: row.subject,
      body: row.body,
      values: {
        // A person's own first name; for a company, its primary contact's.
        firstName: row.kind === 'PERSON' ? row.first_name : (row.contact_first_name ?? null),
        lastName: row.last_name,
        displayName: row.display_name,
        city: row.city,
      },
    },
  };
}

/** Step 3: the transport accepted the message. */
export async function recordSent(
  manager: EntityManager,
  claim: Extract<Claim, { kind: 'deliver' }>,
): Promise<void> {
  const { delivery } = claim;
  const sentAt = new Date();
  const updated: unknown[] = await manager.query(
    `WITH "sent" AS (
       UPDATE "campaign_recipients" SET "status" = 'SENT', "sent_at" = $4, "error" = NULL, "retry_at" = NULL
       WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3 AND "status" = 'SENDING'
       RETURNING 1
     ) SELECT * FROM "sent"`,
    [delivery.tenantId, delivery.campaignId, delivery.accountId, sentAt],
  );
  if (updated.length === 0) return;
  await publishEvent(manager, CampaignMessageSent, {
    tenantId: delivery.tenantId,
    actorId: SYSTEM_ACTOR,
    aggregateId: delivery.campaignId,
    aggregateVersion: claim.campaignVersion,
    data: {
      campaignId: delivery.campaignId,
      campaignName: claim.campaignName,
      channel: delivery.channel,
      accountId: delivery.accountId,
      sentAt: sentAt.toISOString(),
    },
  });
}

export const MAX_ATTEMPTS = 5;

/** Step 3 when the transport refused: final (FAILED/BOUNCED) or queued again after a back-off. */
export async function recordFailure(
  manager: EntityManager,
  delivery: Delivery,
  failure: { permanent: boolean; isBounce: boolean; reason: string },
): Promise<void> {
  await manager.query(
    `UPDATE "campaign_recipients" SET
       "status" = CASE WHEN $4 OR "attempts" >= $6 THEN (CASE WHEN $5 THEN 'BOUNCED' ELSE 'FAILED' END) ELSE 'QUEUED' END,
       "error" = $7, "claimed_at" = NULL,
       "retry_at" = now() + make_interval(secs => 30 * power(2, "attempts")::int)
     WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3 AND "status" = 'SENDING'`,
    [
      delivery.tenantId,
      delivery.campaignId,
      delivery.accountId,
      failure.permanent,
      failure.isBounce,
      MAX_ATTEMPTS,
      failure.reason.slice(0, 500),
    ],
  );
}

/** SENT once nobody is left to send to (queued, retrying or in flight). */
export async function finishCampaignIfDone(
  manager: EntityManager,
  tenantId: string,
  campaignId: string,
): Promise<boolean> {
  const finished: unknown[] = await manager.query(
    `WITH "finished" AS (
       UPDATE "campaigns" SET "status" = 'SENT', "version" = "version" + 1
       WHERE "tenant_id" = $1 AND "id" = $2 AND "status" = 'SENDING'
         AND NOT EXISTS (SELECT 1 FROM "campaign_recipients" WHERE "tenant_id" = $1 AND "campaign_id" = $2
                         AND "status" IN ('QUEUED', 'SENDING'))
       RETURNING 1
     ) SELECT * FROM "finished"`,
    [tenantId, campaignId],
  );
  return finished.length > 0;
}
