import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  canonicalUuid,
  inRequestedOrder,
  isUuid,
  queryableIds,
  type Caller,
} from '@crm/subgraph';
import { rowsPerAccount } from '../rows-per-account';
import type { SegmentService } from '../segment/segment.service';
import {
  CAMPAIGN_COLUMNS,
  type CampaignRow,
  type CampaignStatsRow,
  type CampaignStatus,
  type RecipientRow,
  type StoredRecipientStatus,
} from './campaign.types';
import { validateCampaign, type CreateCampaignInput } from './campaign.validation';
import { launchCampaign } from './launch-campaign';

export interface CampaignSettings {
  messageIdDomain: string;
}

export interface RecipientPageKey {
  campaignId: string;
  status: StoredRecipientStatus | null;
  first: number;
  afterAccountId: string | null;
}

const RECIPIENT_COLUMNS = `"campaign_id", "account_id", "status", "sent_at", "error"`;

export class CampaignService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly segments: SegmentService,
    private readonly settings: CampaignSettings,
  ) {}

  async createCampaign(caller: Caller, input: CreateCampaignInput): Promise<CampaignRow> {
    const valid = validateCampaign(input, new Date());
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const segment: unknown[] = await manager.query(
        `SELECT 1 FROM "segments" WHERE "tenant_id" = $1 AND "id" = $2`,
        [caller.tenantId, valid.segmentId],
      );
      if (segment.length === 0) {
        throw new InvalidInputError([{ field: 'input.segmentId', message: 'no segment with this id' }]);
      }
      const [row] = await manager.query(
        `INSERT INTO "campaigns" ("tenant_id", "id", "name", "channel", "status", "segment_id", "subject", "body",
           "scheduled_at", "created_by")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${CAMPAIGN_COLUMNS}`,
        [
          caller.tenantId,
          uuidv7(),
          valid.name,
          valid.channel,
          valid.scheduledAt ? 'SCHEDULED' : 'DRAFT',
          valid.segmentId,
          valid.subject,
          valid.body,
          valid.scheduledAt,
          caller.userId,
        ],
      );
      return row as CampaignRow;
    });
  }

  launch(tenantId: string, actorId: string, campaignId: string): Promise<CampaignRow> {
    if (!isUuid(campaignId)) throw new NotFoundError('Campaign', campaignId);
    return this.database.inTenant(tenantId, (manager) =>
      launchCampaign(manager, tenantId, actorId, canonicalUuid(campaignId), {
        messageIdDomain: this.settings.messageIdDomain,
        segmentOptions: this.segments.queryOptions(tenantId),
      }),
    );
  }

  /** Stops a campaign before or while it sends: the sender claims nobody of a cancelled campaign. */
  async cancel(caller: Caller, campaignId: string): Promise<CampaignRow> {
    if (!isUuid(campaignId)) throw new NotFoundError('Campaign', campaignId);
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const [current]: CampaignRow[] = await manager.query(
        `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "tenant_id" = $1 AND "id" = $2 FOR UPDATE`,
        [caller.tenantId, canonicalUuid(campaignId)],
      );
      if (!current) throw new NotFoundError('Campaign', campaignId);
      if (current.status === 'SENT' || current.status === 'CANCELLED') {
        throw new ConflictError(`campaign ${campaignId} is already ${current.status}`);
      }
      const [cancelled] = await manager.query(
        `WITH "cancelled" AS (
           UPDATE "campaigns" SET "status" = 'CANCELLED', "version" = "version" + 1
           WHERE "tenant_id" = $1 AND "id" = $2 RETURNING ${CAMPAIGN_COLUMNS}
         ) SELECT * FROM "cancelled"`,
        [caller.tenantId, current.id],
      );
      return cancelled as CampaignRow;
    });
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<(CampaignRow | null)[]> {
    const rows: CampaignRow[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "tenant_id" = $1 AND "id" = ANY($2::uuid[])`,
        [tenantId, queryableIds(ids)],
      ),
    );
    return inRequestedOrder(ids.map(canonicalUuid), rows);
  }

  listCampaigns(tenantId: string, status: CampaignStatus | null | undefined): Promise<CampaignRow[]> {
    return this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "tenant_id" = $1 AND ($2::text IS NULL OR "status" = $2)
         ORDER BY "created_at" DESC, "id" DESC`,
        [tenantId, status ?? null],
      ),
    );
  }

  async statsOf(tenantId: string, campaignIds: readonly string[]): Promise<CampaignStatsRow[]> {
    const rows: (CampaignStatsRow & { campaign_id: string })[] = await this.database.inTenant(
      tenantId,
      (manager) =>
        manager.query(
          `SELECT "campaign_id",
           count(*)::int AS "targeted",
           count(*) FILTER (WHERE "status" = 'SKIPPED_NO_CONSENT')::int AS "skippedNoConsent",
           count(*) FILTER (WHERE "status" IN ('SENT', 'OPENED', 'CLICKED'))::int AS "sent",
           count(*) FILTER (WHERE "status" IN ('FAILED', 'BOUNCED'))::int AS "failed",
           count(*) FILTER (WHERE "opened_at" IS NOT NULL)::int AS "opened",
           count(*) FILTER (WHERE "clicked_at" IS NOT NULL)::int AS "clicked"
         FROM "campaign_recipients" WHERE "tenant_id" = $1 AND "campaign_id" = ANY($2::uuid[])
         GROUP BY "campaign_id"`,
          [tenantId, queryableIds(campaignIds)],
        ),
    );
    const empty = { targeted: 0, skippedNoConsent: 0, sent: 0, failed: 0, opened: 0, clicked: 0 };
    return campaignIds.map((id) => rows.find((row) => row.campaign_id === id) ?? empty);
  }

  /** Pages of several campaigns' recipients in one statement (a LATERAL join per campaign). */
  async recipientPages(tenantId: string, keys: readonly RecipientPageKey[]): Promise<RecipientRow[][]> {
    const rows: (RecipientRow & { position: number })[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT "k"."position", "r".* FROM jsonb_to_recordset($2::jsonb)
           AS "k" ("position" int, "campaignId" uuid, "status" text, "first" int, "afterAccountId" uuid)
         CROSS JOIN LATERAL (
           SELECT ${RECIPIENT_COLUMNS} FROM "campaign_recipients"
           WHERE "tenant_id" = $1 AND "campaign_id" = "k"."campaignId"
             AND ("k"."status" IS NULL OR "status" = "k"."status"
                  OR ("k"."status" = 'QUEUED' AND "status" = 'SENDING'))
             AND ("k"."afterAccountId" IS NULL OR "account_id" > "k"."afterAccountId")
           ORDER BY "account_id" LIMIT "k"."first"
         ) "r"
         ORDER BY "k"."position", "r"."account_id"`,
        [tenantId, JSON.stringify(keys.map((key, position) => ({ ...key, position })))],
      ),
    );
    return keys.map((_key, position) => rows.filter((row) => row.position === position));
  }

  async recipientsOfAccounts(tenantId: string, accountIds: readonly string[]): Promise<RecipientRow[][]> {
    const rows: RecipientRow[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${RECIPIENT_COLUMNS} FROM "campaign_recipients"
         WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) ORDER BY "campaign_id" DESC`,
        [tenantId, queryableIds(accountIds)],
      ),
    );
    return rowsPerAccount(accountIds, rows, (row) => row.account_id);
  }
}
