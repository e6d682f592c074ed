import { toGregorian, toJalaali } from 'jalaali-js';
import type { GoldenDataset, ModelOrder, ModelMovement, SalesModel } from './golden-dataset';

/**
 * The figures of the golden dataset computed in plain code straight from the generated model,
 * following the definitions in apps/analytics/README.md, in UTC. Nothing here uses the service's
 * code: agreement between the two is what the golden tests check.
 */

const DAY = 86_400_000;

/** The value, which the generated data guarantees to exist. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('the golden dataset is inconsistent');
  return value;
}
const pad = (value: number) => String(value).padStart(2, '0');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inWindow = (at: Date, from: Date, to: Date) =>
  at.getTime() >= from.getTime() && at.getTime() < to.getTime();

function halfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

const money = (amount: bigint) => ({ amountMinor: amount.toString(), currency: 'IRR' });
const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

export interface Window {
  from: Date;
  to: Date;
  salesModel: SalesModel | null;
  /** Orders with a line of this product (their whole net payment). */
  productId?: string;
}

function firstPayment(order: ModelOrder): ModelMovement | undefined {
  return order.movements
    .filter((movement) => movement.kind === 'PAYMENT')
    .sort((a, b) => a.at.getTime() - b.at.getTime() || byText(a.id, b.id))[0];
}

const isCounted = (order: ModelOrder) => firstPayment(order) !== undefined;
const matchesModel = (model: SalesModel | null, value: SalesModel | null | undefined) =>
  model === null || value === model;

function utcDayKey(at: Date): { year: number; month: number; day: number } {
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function monthBucket(at: Date, calendar: 'GREGORIAN' | 'JALALI'): { key: string; start: Date } {
  const { year, month, day } = utcDayKey(at);
  if (calendar === 'GREGORIAN')
    return { key: `${year}-${pad(month)}`, start: new Date(Date.UTC(year, month - 1, 1)) };
  const { jy, jm } = toJalaali(year, month, day);
  const { gy, gm, gd } = toGregorian(jy, jm, 1);
  return { key: `${jy}-${pad(jm)}`, start: new Date(Date.UTC(gy, gm - 1, gd)) };
}

export function expectedSalesPerformance(
  data: GoldenDataset,
  window: Window,
  calendar: 'GREGORIAN' | 'JALALI',
) {
  const buckets = new Map<string, { start: Date; revenue: bigint; orders: number; customers: Set<string> }>();
  for (let at = window.from.getTime(); at < window.to.getTime(); at += DAY) {
    const bucket = monthBucket(new Date(at), calendar);
    if (!buckets.has(bucket.key))
      buckets.set(bucket.key, { start: bucket.start, revenue: 0n, orders: 0, customers: new Set() });
  }
  const byModel = new Map<SalesModel, { revenue: bigint; orders: number }>([
    ['B2B', { revenue: 0n, orders: 0 }],
    ['B2C', { revenue: 0n, orders: 0 }],
  ]);
  const orders = data.orders.filter(
    (candidate) =>
      matchesModel(window.salesModel, candidate.salesModel) &&
      (window.productId === undefined || candidate.productIds.includes(window.productId)),
  );
  for (const order of orders) {
    const first = firstPayment(order);
    for (const movement of order.movements) {
      if (!inWindow(movement.at, window.from, window.to)) continue;
      const bucket = present(buckets.get(monthBucket(movement.at, calendar).key));
      const modelTotals = present(byModel.get(order.salesModel));
      bucket.revenue += movement.amount;
      modelTotals.revenue += movement.amount;
      if (movement === first) {
        bucket.orders += 1;
        bucket.customers.add(order.accountId);
        modelTotals.orders += 1;
      }
    }
  }
  const total = [...buckets.values()].reduce((sum, bucket) => sum + bucket.revenue, 0n);
  const orderCount = [...buckets.values()].reduce((sum, bucket) => sum + bucket.orders, 0);
  const models: SalesModel[] = window.salesModel ? [window.salesModel] : ['B2B', 'B2C'];
  return {
    total: money(total),
    orders: orderCount,
    averageOrderValue: money(orderCount === 0 ? 0n : halfUp(total, BigInt(orderCount))),
    series: [...buckets.entries()].map(([key, bucket]) => ({
      bucket: key,
      bucketStart: bucket.start.toISOString(),
      revenue: money(bucket.revenue),
      orders: bucket.orders,
      customers: bucket.customers.size,
      averageOrderValue: money(bucket.orders === 0 ? 0n : halfUp(bucket.revenue, BigInt(bucket.orders))),
    })),
    bySalesModel: models.map((salesModel) => {
      const totals = present(byModel.get(salesModel));
      return {
        salesModel,
        revenue: money(totals.revenue),
        orders: totals.orders,
        share: total === 0n ? 0 : Number(totals.revenue) / Number(total),
      };
    }),
  };
}

export function expectedDealMetrics(data: GoldenDataset, window: Window) {
  const deals = data.opportunities.filter((deal) => matchesModel(window.salesModel, deal.salesModel));
  const closed = deals.filter((deal) => deal.closedAt && inWindow(deal.closedAt, window.from, window.to));
  const wonDeals = closed.filter((deal) => deal.status === 'WON');
  const won = wonDeals.length;
  const lost = closed.filter((deal) => deal.status === 'LOST').length;
  const wonAmount = wonDeals.reduce((sum, deal) => sum + deal.amount, 0n);
  const cycles = wonDeals
    .map((deal) => present(deal.closedAt).getTime() - deal.createdAt.getTime())
    .sort((a, b) => a - b);
  const cycleTotal = cycles.reduce((sum, cycle) => sum + cycle, 0);
  const open = deals.filter(
    (deal) => deal.status === 'OPEN' && deal.createdAt.getTime() < window.to.getTime(),
  );
  const middle = Math.floor(cycles.length / 2);
  const median =
    cycles.length === 0
      ? null
      : (cycles.length % 2 === 1 ? cycles[middle] : (cycles[middle - 1] + cycles[middle]) / 2) / DAY;
  return {
    won,
    lost,
    winRate: rate(won, won + lost),
    averageDealSize: won === 0 ? null : money(halfUp(wonAmount, BigInt(won))),
    medianSalesCycleDays: median,
    pipelineVelocityPerDay:
      won === 0 || cycleTotal === 0
        ? null
        : money(
            halfUp(
              BigInt(open.length) * wonAmount * BigInt(won) * BigInt(DAY),
              BigInt(won + lost) * BigInt(cycleTotal),
            ),
          ),
    openWeightedPipeline: money(
      halfUp(
        open.reduce((sum, deal) => sum + deal.amount * BigInt(deal.probability), 0n),
        100n,
      ),
    ),
  };
}

export function expectedFunnel(data: GoldenDataset, window: Window) {
  const funnelStages = data.stages
    .filter((stage) => stage.type !== 'LOST')
    .sort((a, b) => a.position - b.position);
  const cohort = data.opportunities.filter(
    (deal) =>
      deal.pipelineId === data.pipelineId &&
      matchesModel(window.salesModel, deal.salesModel) &&
      inWindow(deal.createdAt, window.from, window.to),
  );
  const furthest = cohort.map((deal) =>
    Math.max(
      ...deal.stageVisits
        .map((visit) => funnelStages.find((stage) => stage.id === visit.stageId)?.position ?? -1)
        .filter((position) => position >= 0),
    ),
  );
  const reached = funnelStages.map(
    (stage) => furthest.filter((position) => position >= stage.position).length,
  );
  return {
    pipelineId: data.pipelineId,
    cohortSize: cohort.length,
    stages: funnelStages.map((stage, index) => {
      const lengths = cohort
        .flatMap((deal) => deal.stageVisits)
        .filter((visit) => visit.stageId === stage.id && visit.exitedAt)
        .map((visit) => (present(visit.exitedAt).getTime() - visit.enteredAt.getTime()) / DAY);
      return {
        stageName: stage.name,
        reached: reached[index],
        conversionToNext: index + 1 < funnelStages.length ? rate(reached[index + 1], reached[index]) : null,
        averageDaysInStage:
          lengths.length === 0 ? null : lengths.reduce((sum, days) => sum + days, 0) / lengths.length,
      };
    }),
    overallConversion: rate(reached[reached.length - 1], cohort.length) ?? 0,
  };
}

function accountModel(data: GoldenDataset, accountId: string | null): SalesModel | null {
  return data.accounts.find((account) => account.id === accountId)?.salesModel ?? null;
}

export function expectedConversionRates(data: GoldenDataset, window: Window) {
  const countedOrders = data.orders.filter(isCounted);
  const leads = data.leads.filter(
    (lead) =>
      matchesModel(window.salesModel, lead.salesModel) && inWindow(lead.createdAt, window.from, window.to),
  );
  const visits = data.visits.filter(
    (visit) =>
      inWindow(visit.visitedAt, window.from, window.to) &&
      (window.salesModel === null || accountModel(data, visit.accountId) === window.salesModel),
  );
  const visitors = new Set(visits.map((visit) => visit.visitorId));
  const converted = new Set(
    visits
      .filter((visit) =>
        countedOrders.some(
          (order) =>
            order.accountId === visit.accountId &&
            order.placedAt.getTime() >= visit.visitedAt.getTime() &&
            order.placedAt.getTime() < visit.visitedAt.getTime() + 30 * DAY,
        ),
      )
      .map((visit) => visit.visitorId),
  );
  const campaignOrders = countedOrders.filter(
    (order) =>
      order.campaignId !== null &&
      matchesModel(window.salesModel, order.salesModel) &&
      inWindow(order.placedAt, window.from, window.to),
  );
  const recipients = data.campaignMessages.filter(
    (message) =>
      message.kind === 'SENT' &&
      inWindow(message.at, window.from, window.to) &&
      (window.salesModel === null || accountModel(data, message.accountId) === window.salesModel),
  );
  return {
    leadToOpportunity: rate(leads.filter((lead) => lead.opportunityId !== null).length, leads.length),
    leadToCustomer: rate(
      leads.filter((lead) => countedOrders.some((order) => order.accountId === lead.accountId)).length,
      leads.length,
    ),
    visitToOrder: rate(converted.size, visitors.size),
    campaignToOrder: rate(campaignOrders.length, recipients.length),
  };
}

export function expectedCampaignPerformance(data: GoldenDataset, window: Window) {
  const ofModel = (accountId: string) =>
    window.salesModel === null || accountModel(data, accountId) === window.salesModel;
  const campaigns = [
    ...new Set(
      data.campaignMessages
        .filter(
          (message) =>
            message.kind === 'SENT' &&
            inWindow(message.at, window.from, window.to) &&
            ofModel(message.accountId),
        )
        .map((message) => message.campaignId),
    ),
  ].sort(byText);
  return campaigns.map((campaignId) => {
    const count = (kind: string) =>
      data.campaignMessages.filter(
        (message) => message.campaignId === campaignId && message.kind === kind && ofModel(message.accountId),
      ).length;
    const orders = data.orders.filter(
      (order) => order.campaignId === campaignId && matchesModel(window.salesModel, order.salesModel),
    );
    const sent = count('SENT');
    return {
      campaignId,
      sent,
      delivered: sent,
      openRate: rate(count('OPENED'), sent),
      clickRate: rate(count('CLICKED'), sent),
      orders: orders.filter(isCounted).length,
      revenue: money(
        orders.flatMap((order) => order.movements).reduce((sum, movement) => sum + movement.amount, 0n),
      ),
    };
  });
}

export function expectedInteractionStats(data: GoldenDataset, window: Window) {
  const activities = data.activities.filter(
    (activity) =>
      activity.status !== 'CANCELLED' &&
      inWindow(activity.startsAt, window.from, window.to) &&
      (window.salesModel === null || accountModel(data, activity.accountId) === window.salesModel),
  );
  const countBy = (key: (activity: (typeof activities)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const activity of activities) counts.set(key(activity), (counts.get(key(activity)) ?? 0) + 1);
    return [...counts.entries()]
      .map(([name, count]) => ({ key: name, count }))
      .sort((a, b) => b.count - a.count || byText(a.key, b.key));
  };
  return {
    byType: countBy((activity) => activity.type),
    byChannel: countBy((activity) => activity.channel),
    byOwner: countBy((activity) => activity.ownerId ?? 'UNASSIGNED'),
  };
}

export function expectedTopCustomers(data: GoldenDataset, window: Window, limit: number): string[] {
  const revenue = new Map<string, bigint>();
  for (const order of data.orders.filter((candidate) =>
    matchesModel(window.salesModel, candidate.salesModel),
  )) {
    for (const movement of order.movements.filter((candidate) =>
      inWindow(candidate.at, window.from, window.to),
    )) {
      revenue.set(order.accountId, (revenue.get(order.accountId) ?? 0n) + movement.amount);
    }
  }
  return [...revenue.entries()]
    .filter(([, amount]) => amount > 0n)
    .sort(([idA, a], [idB, b]) => (a === b ? byText(idA, idB) : a > b ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

export function expectedCohortRetention(data: GoldenDataset, window: Window) {
  const monthIndex = (at: Date) => at.getUTCFullYear() * 12 + at.getUTCMonth();
  const months = new Map<string, Set<number>>();
  const orders = data.orders.filter(
    (candidate) =>
      matchesModel(window.salesModel, candidate.salesModel) &&
      (window.productId === undefined || candidate.productIds.includes(window.productId)),
  );
  for (const order of orders) {
    const first = firstPayment(order);
    if (!first) continue;
    months.set(order.accountId, (months.get(order.accountId) ?? new Set()).add(monthIndex(first.at)));
  }
  const firstMonth = monthIndex(window.from);
  const lastMonth = monthIndex(new Date(window.to.getTime() - 1));
  const cohorts = new Map<number, Set<number>[]>();
  for (const accountMonths of months.values()) {
    const cohort = Math.min(...accountMonths);
    if (cohort >= firstMonth && cohort <= lastMonth)
      cohorts.set(cohort, [...(cohorts.get(cohort) ?? []), accountMonths]);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cohort, members]) => ({
      cohort: `${Math.floor(cohort / 12)}-${pad((cohort % 12) + 1)}`,
      size: members.length,
      retention: Array.from(
        { length: lastMonth - cohort + 1 },
        (_, offset) =>
          members.filter((accountMonths) => accountMonths.has(cohort + offset)).length / members.length,
      ),
    }));
}

export function expectedForecast(
  data: GoldenDataset,
  now: Date,
  months: number,
  salesModel: SalesModel | null,
) {
  return Array.from({ length: months }, (_, offset) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const key = `${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}`;
    const deals = data.opportunities.filter(
      (deal) =>
        deal.status === 'OPEN' &&
        deal.expectedCloseDate?.startsWith(key) &&
        matchesModel(salesModel, deal.salesModel),
    );
    const category = (deal: (typeof deals)[number]) =>
      present(data.stages.find((stage) => stage.id === deal.stageId)).forecastCategory;
    const sum = (list: typeof deals) => list.reduce((total, deal) => total + deal.amount, 0n);
    return {
      month: key,
      weighted: money(
        halfUp(
          deals.reduce((total, deal) => total + deal.amount * BigInt(deal.probability), 0n),
          100n,
        ),
      ),
      commit: money(sum(deals.filter((deal) => category(deal) === 'COMMIT'))),
      bestCase: money(sum(deals.filter((deal) => ['COMMIT', 'BEST_CASE'].includes(category(deal))))),
    };
  });
}

export function expectedInsights(data: GoldenDataset, accountId: string, now: Date) {
  const revenueOf = (id: string) =>
    data.orders
      .filter((order) => order.accountId === id)
      .flatMap((order) => order.movements)
      .reduce((sum, movement) => sum + movement.amount, 0n);
  const counted = data.orders.filter((order) => order.accountId === accountId && isCounted(order));
  const placed = counted.map((order) => order.placedAt.getTime()).sort((a, b) => a - b);
  const interactions = data.activities
    .filter(
      (activity) =>
        activity.accountId === accountId && activity.status !== 'CANCELLED' && activity.startsAt <= now,
    )
    .map((activity) => activity.startsAt.getTime());
  const open = data.opportunities.filter((deal) => deal.accountId === accountId && deal.status === 'OPEN');
  const revenue = revenueOf(accountId);

  const customers = [...new Set(data.orders.filter(isCounted).map((order) => order.accountId))]
    .map((id) => ({ id, revenue: revenueOf(id) }))
    .sort((a, b) => (a.revenue === b.revenue ? byText(a.id, b.id) : a.revenue < b.revenue ? -1 : 1));
  const rank = customers.findIndex((customer) => customer.id === accountId);
  const base = Math.floor(customers.length / 5);
  const larger = customers.length % 5;
  // PostgreSQL ntile(5): the first (n mod 5) tiles hold one row more.
  const quintile =
    rank < larger * (base + 1)
      ? Math.floor(rank / (base + 1)) + 1
      : larger + Math.floor((rank - larger * (base + 1)) / base) + 1;
  let rfm: string | null = null;
  if (counted.length > 0) {
    const days = Math.floor((now.getTime() - placed[placed.length - 1]) / DAY);
    const recency = days <= 30 ? 5 : days <= 90 ? 4 : days <= 180 ? 3 : days <= 365 ? 2 : 1;
    const orders = counted.length;
    const frequency = orders >= 10 ? 5 : orders >= 5 ? 4 : orders >= 3 ? 3 : orders >= 2 ? 2 : 1;
    rfm = `${recency}${frequency}${quintile}`;
  }
  return {
    totalRevenue: money(revenue),
    orderCount: counted.length,
    firstOrderAt: placed.length ? new Date(placed[0]).toISOString() : null,
    lastOrderAt: placed.length ? new Date(placed[placed.length - 1]).toISOString() : null,
    lastInteractionAt: interactions.length ? new Date(Math.max(...interactions)).toISOString() : null,
    rfm,
    openPipeline: money(open.reduce((sum, deal) => sum + deal.amount, 0n)),
    lifetimeValue: money(
      revenue +
        halfUp(
          open.reduce((sum, deal) => sum + deal.amount * BigInt(deal.probability), 0n),
          100n,
        ),
    ),
  };
}
