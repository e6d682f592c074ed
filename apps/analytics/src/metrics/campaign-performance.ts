import type { EntityManager } from 'typeorm';
import { COUNTED_ORDER } from './conversion-rates';
import type { MetricsWindow } from './metrics-window';
import { money, ratio, type Money } from './money';
import { SqlConditions } from './sql-conditions';

export interface CampaignPerformance {
  campaignId: string;
  sent: number;
  delivered: number;
  openRate: number | null;
  clickRate: number | null;
  orders: number;
  revenue: Money;
}

/**
 * Campaigns that sent to at least one recipient in [from, to), with their figures to date:
 * recipients sent, opened and clicked (each recipient once), and the orders attributed to the
 * campaign (order.campaignId) with their net paid revenue in the reporting currency. The event
 * contract has no delivery receipts, so delivered = sent.
 */
export async function campaignPerformance(
  manager: EntityManager,
  query: { tenantId: string; currency: string; window: MetricsWindow },
): Promise<CampaignPerformance[]> {
  const { tenantId, window } = query;
  const recipientModel = window.salesModel
    ? `AND EXISTS (SELECT 1 FROM "account_dim" a WHERE a."tenant_id" = r."tenant_id"
         AND a."account_id" = r."account_id" AND a."sales_model" = $5)`
    : '';
  const conditions = new SqlConditions([
    tenantId,
    window.from,
    window.to,
    query.currency,
    window.salesModel,
  ]).addIf(window.campaignId, (p) => `c."campaign_id" = ${p}::uuid`);
  const rows: Array<{
    campaign_id: string;
    sent: number;
    opened: number;
    clicked: number;
    orders: number;
    revenue: string;
  }> = await manager.query(
    `WITH campaigns AS (
       SELECT DISTINCT r."campaign_id" FROM "campaign_message_fact" r
       WHERE r."tenant_id" = $1 AND r."kind" = 'SENT' AND r."occurred_at" >= $2 AND r."occurred_at" < $3 ${recipientModel}
     )
     SELECT c."campaign_id",
       (SELECT COUNT(*) FROM "campaign_message_fact" r WHERE r."tenant_id" = $1 AND r."campaign_id" = c."campaign_id"
          AND r."kind" = 'SENT' ${recipientModel})::int AS "sent",
       (SELECT COUNT(*) FROM "campaign_message_fact" r WHERE r."tenant_id" = $1 AND r."campaign_id" = c."campaign_id"
          AND r."kind" = 'OPENED' ${recipientModel})::int AS "opened",
       (SELECT COUNT(*) FROM "campaign_message_fact" r WHERE r."tenant_id" = $1 AND r."campaign_id" = c."campaign_id"
          AND r."kind" = 'CLICKED' ${recipientModel})::int AS "clicked",
       (SELECT COUNT(*) FROM "order_fact" o WHERE o."tenant_id" = $1 AND o."campaign_id" = c."campaign_id"
          AND ($5::text IS NULL OR o."sales_model" = $5) AND ${COUNTED_ORDER})::int AS "orders",
       (SELECT COALESCE(SUM(m."amount_minor"), 0) FROM "order_fact" o
          JOIN "money_movement_fact" m ON m."tenant_id" = o."tenant_id" AND m."order_id" = o."order_id"
          WHERE o."tenant_id" = $1 AND o."campaign_id" = c."campaign_id" AND o."placed_at" IS NOT NULL
            AND m."currency" = $4 AND ($5::text IS NULL OR o."sales_model" = $5))::text AS "revenue"
     FROM campaigns c WHERE ${conditions.sql}
     ORDER BY c."campaign_id"`,
    conditions.parameters,
  );
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    sent: row.sent,
    delivered: row.sent,
    openRate: ratio(row.opened, row.sent),
    clickRate: ratio(row.clicked, row.sent),
    orders: row.orders,
    revenue: money(BigInt(row.revenue), query.currency),
  }));
}
