import type { EntityManager } from 'typeorm';
import type { MetricsWindow } from './metrics-window';
import { ratio } from './money';
import { SqlConditions } from './sql-conditions';

export interface ConversionRates {
  leadToOpportunity: number | null;
  leadToCustomer: number | null;
  visitToOrder: number | null;
  campaignToOrder: number | null;
}

/** A visit is credited with an order its account places within this many days after it. */
export const VISIT_ATTRIBUTION_DAYS = 30;

/** A placed order with at least one payment: the one definition of "an order" in every figure. */
export const COUNTED_ORDER = `o."placed_at" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "money_movement_fact" m
  WHERE m."tenant_id" = o."tenant_id" AND m."order_id" = o."order_id" AND m."kind" = 'PAYMENT')`;

export async function conversionRates(
  manager: EntityManager,
  query: { tenantId: string; window: MetricsWindow },
): Promise<ConversionRates> {
  const { tenantId, window } = query;

  const leadFilter = new SqlConditions([tenantId, window.from, window.to])
    .addIf(window.salesModel, (p) => `l."sales_model" = ${p}`)
    .addIf(window.ownerId, (p) => `l."owner_id" = ${p}::uuid`)
    .addIf(window.campaignId, (p) => `l."campaign_id" = ${p}::uuid`);
  const [leads]: Array<{ leads: number; opportunities: number; customers: number }> = await manager.query(
    `SELECT COUNT(*)::int AS "leads",
            COUNT(*) FILTER (WHERE l."opportunity_id" IS NOT NULL)::int AS "opportunities",
            COUNT(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM "order_fact" o WHERE o."tenant_id" = l."tenant_id" AND o."account_id" = l."account_id"
                AND ${COUNTED_ORDER}))::int AS "customers"
     FROM "lead_fact" l
     WHERE l."tenant_id" = $1 AND l."created_at" >= $2 AND l."created_at" < $3 AND ${leadFilter.sql}`,
    leadFilter.parameters,
  );

  const visitFilter = new SqlConditions([tenantId, window.from, window.to, `${VISIT_ATTRIBUTION_DAYS} days`])
    .addIf(
      window.salesModel,
      (p) => `EXISTS (SELECT 1 FROM "account_dim" a
        WHERE a."tenant_id" = v."tenant_id" AND a."account_id" = v."account_id" AND a."sales_model" = ${p})`,
    )
    .addIf(window.campaignId, (p) => `v."campaign_id" = ${p}::uuid`);
  const [visits]: Array<{ visitors: number; converted: number }> = await manager.query(
    `SELECT COUNT(DISTINCT v."visitor_id")::int AS "visitors",
            COUNT(DISTINCT v."visitor_id") FILTER (WHERE EXISTS (
              SELECT 1 FROM "order_fact" o
              WHERE o."tenant_id" = v."tenant_id" AND o."account_id" = v."account_id"
                AND o."placed_at" >= v."visited_at" AND o."placed_at" < v."visited_at" + $4::interval
                AND ${COUNTED_ORDER}))::int AS "converted"
     FROM "visit_fact" v
     WHERE v."tenant_id" = $1 AND v."visited_at" >= $2 AND v."visited_at" < $3 AND ${visitFilter.sql}`,
    visitFilter.parameters,
  );

  const orderFilter = new SqlConditions([tenantId, window.from, window.to])
    .addIf(window.salesModel, (p) => `o."sales_model" = ${p}`)
    .addIf(window.campaignId, (p) => `o."campaign_id" = ${p}::uuid`);
  const [campaignOrders]: Array<{ orders: number }> = await manager.query(
    `SELECT COUNT(*)::int AS "orders" FROM "order_fact" o
     WHERE o."tenant_id" = $1 AND o."campaign_id" IS NOT NULL AND o."placed_at" >= $2 AND o."placed_at" < $3
       AND ${COUNTED_ORDER} AND ${orderFilter.sql}`,
    orderFilter.parameters,
  );
  const recipientFilter = new SqlConditions([tenantId, window.from, window.to])
    .addIf(
      window.salesModel,
      (p) => `EXISTS (SELECT 1 FROM "account_dim" a
        WHERE a."tenant_id" = r."tenant_id" AND a."account_id" = r."account_id" AND a."sales_model" = ${p})`,
    )
    .addIf(window.campaignId, (p) => `r."campaign_id" = ${p}::uuid`);
  const [recipients]: Array<{ recipients: number }> = await manager.query(
    `SELECT COUNT(*)::int AS "recipients" FROM "campaign_message_fact" r
     WHERE r."tenant_id" = $1 AND r."kind" = 'SENT' AND r."occurred_at" >= $2 AND r."occurred_at" < $3
       AND ${recipientFilter.sql}`,
    recipientFilter.parameters,
  );

  return {
    leadToOpportunity: ratio(leads.opportunities, leads.leads),
    leadToCustomer: ratio(leads.customers, leads.leads),
    visitToOrder: ratio(visits.converted, visits.visitors),
    campaignToOrder: ratio(campaignOrders.orders, recipients.recipients),
  };
}
