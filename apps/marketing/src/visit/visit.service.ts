import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { VisitRecorded } from '@crm/events';
import { publishEvent } from '@crm/messaging';
import { FieldErrors, canonicalUuid, isUuid, optionalText, queryableIds, requiredText } from '@crm/subgraph';
import { rowsPerAccount } from '../rows-per-account';
import type { VisitInput, VisitRow } from './visit.types';

const LIMITS = { visitorId: 200, url: 2000, utm: 200 };
const VISIT_COLUMNS = `"id", "visitor_id", "account_id", "url", "utm_source", "utm_campaign", "visited_at"`;

export class VisitService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** From recordVisit (a signed-in caller) and from the public beacon (a visitor's browser). */
  async recordVisit(tenantId: string, actorId: string, input: VisitInput): Promise<void> {
    const errors = new FieldErrors();
    const visitorId = requiredText(errors, 'visitorId', input.visitorId, LIMITS.visitorId);
    const url = requiredText(errors, 'url', input.url, LIMITS.url);
    if (url && !/^https?:\/\/[^\s]+$/i.test(url)) errors.add('url', 'must be an http(s) URL');
    const accountId = input.accountId ?? null;
    if (accountId !== null && !isUuid(accountId)) errors.add('accountId', 'must be a UUID');
    const utmSource = optionalText(errors, 'utmSource', input.utmSource, LIMITS.utm);
    const utmMedium = optionalText(errors, 'utmMedium', input.utmMedium, LIMITS.utm);
    const utmCampaign = optionalText(errors, 'utmCampaign', input.utmCampaign, LIMITS.utm);
    errors.throwIfAny();
    const visit = {
      visitId: uuidv7(),
      visitorId,
      accountId: accountId === null ? null : canonicalUuid(accountId),
      url,
      utmSource,
      utmMedium,
      utmCampaign,
      campaignId: input.campaignId ?? null,
      visitedAt: new Date().toISOString(),
    };
    await this.database.inTenant(tenantId, async (manager) => {
      await manager.query(
        `INSERT INTO "visits" ("tenant_id", "id", "visitor_id", "account_id", "url", "utm_source", "utm_medium",
           "utm_campaign", "campaign_id", "visited_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          tenantId,
          visit.visitId,
          visit.visitorId,
          visit.accountId,
          visit.url,
          visit.utmSource,
          visit.utmMedium,
          visit.utmCampaign,
          visit.campaignId,
          visit.visitedAt,
        ],
      );
      await publishEvent(manager, VisitRecorded, {
        tenantId,
        actorId,
        aggregateId: visit.visitId,
        aggregateVersion: 1,
        data: visit,
      });
    });
  }

  /** The latest `first` visits of each account, in one statement. */
  async visitsOfAccounts(
    tenantId: string,
    accountIds: readonly string[],
    first: number,
  ): Promise<VisitRow[][]> {
    const rows: (VisitRow & { key: string })[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT "a"."id" AS "key", "v".* FROM unnest($2::uuid[]) AS "a" ("id")
         CROSS JOIN LATERAL (
           SELECT ${VISIT_COLUMNS} FROM "visits" WHERE "tenant_id" = $1 AND "account_id" = "a"."id"
           ORDER BY "visited_at" DESC, "id" DESC LIMIT $3
         ) "v"`,
        [tenantId, queryableIds(accountIds), first],
      ),
    );
    return rowsPerAccount(accountIds, rows, (row) => row.key);
  }
}
