import type { EntityManager } from 'typeorm';
import type { MetricsWindow } from './metrics-window';
import { divideRoundingHalfUp, money, ratio, type Money } from './money';
import { SqlConditions } from './sql-conditions';

export interface DealMetrics {
  won: number;
  lost: number;
  winRate: number | null;
  averageDealSize: Money | null;
  medianSalesCycleDays: number | null;
  pipelineVelocityPerDay: Money | null;
  openWeightedPipeline: Money;
}

const DAY_MS = 86_400_000n;

/** The filter's deal dimensions on opportunity_fact (alias o); channel and product do not apply to deals. */
export function dealConditions(initial: unknown[], window: MetricsWindow): SqlConditions {
  return new SqlConditions(initial)
    .addIf(window.salesModel, (p) => `o."sales_model" = ${p}`)
    .addIf(window.ownerId, (p) => `o."owner_id" = ${p}::uuid`)
    .addIf(window.campaignId, (p) => `o."campaign_id" = ${p}::uuid`);
}

/**
 * Closed deals are those won or lost within [from, to); open deals are those open now and created
 * before `to`. Only deals in the reporting currency count (amounts are never converted).
 */
export async function dealMetrics(
  manager: EntityManager,
  query: { tenantId: string; currency: string; window: MetricsWindow },
): Promise<DealMetrics> {
  const { window, currency } = query;
  const closed = dealConditions([query.tenantId, currency, window.from, window.to], window);
  const closedDeals: Array<{ status: 'WON' | 'LOST'; amount: string; cycle_ms: string }> =
    await manager.query(
      `SELECT o."status", o."amount_minor"::text AS "amount",
            (EXTRACT(EPOCH FROM o."closed_at" - o."created_at") * 1000)::bigint::text AS "cycle_ms"
     FROM "opportunity_fact" o
     WHERE o."tenant_id" = $1 AND o."currency" = $2 AND o."status" IN ('WON', 'LOST')
       AND o."closed_at" >= $3 AND o."closed_at" < $4 AND ${closed.sql}`,
      closed.parameters,
    );
  const open = dealConditions([query.tenantId, currency, window.to], window);
  const [openDeals]: Array<{ count: number; weighted: string }> = await manager.query(
    `SELECT COUNT(*)::int AS "count", COALESCE(SUM(o."amount_minor" * o."probability"), 0)::text AS "weighted"
     FROM "opportunity_fact" o
     WHERE o."tenant_id" = $1 AND o."currency" = $2 AND o."status" = 'OPEN' AND o."created_at" < $3 AND ${open.sql}`,
    open.parameters,
  );

  const wonDeals = closedDeals.filter((deal) => deal.status === 'WON');
  const won = wonDeals.length;
  const lost = closedDeals.length - won;
  const wonAmount = wonDeals.reduce((sum, deal) => sum + BigInt(deal.amount), 0n);
  const cycles = wonDeals.map((deal) => BigInt(deal.cycle_ms));
  const cycleTotalMs = cycles.reduce((sum, cycle) => sum + cycle, 0n);
  // velocity = open × winRate × avgDealSize / avgCycleDays, kept as one exact fraction:
  // open × (won / (won + lost)) × (wonAmount / won) / (cycleTotalMs / (won × DAY_MS)).
  const velocity =
    won > 0 && cycleTotalMs > 0n
      ? divideRoundingHalfUp(
          BigInt(openDeals.count) * wonAmount * BigInt(won) * DAY_MS,
          BigInt(won + lost) * cycleTotalMs,
        )
      : null;
  return {
    won,
    lost,
    winRate: ratio(won, won + lost),
    averageDealSize: won > 0 ? money(divideRoundingHalfUp(wonAmount, BigInt(won)), currency) : null,
    medianSalesCycleDays: medianDays(cycles),
    pipelineVelocityPerDay: velocity === null ? null : money(velocity, currency),
    openWeightedPipeline: money(divideRoundingHalfUp(BigInt(openDeals.weighted), 100n), currency),
  };
}

/** The middle cycle (mean of the two middle ones for an even count), in days. */
export function medianDays(cyclesMs: bigint[]): number | null {
  if (cyclesMs.length === 0) return null;
  const sorted = [...cyclesMs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = Math.floor(sorted.length / 2);
  const medianMs =
    sorted.length % 2 === 1
      ? Number(sorted[middle])
      : (Number(sorted[middle - 1]) + Number(sorted[middle])) / 2;
  return medianMs / Number(DAY_MS);
}
