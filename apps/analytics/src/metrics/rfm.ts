/**
 * RFM code: three digits 1–5, recency · frequency · monetary, 5 the best.
 * - R: days since the last counted order: ≤ 30 → 5, ≤ 90 → 4, ≤ 180 → 3, ≤ 365 → 2, else 1.
 * - F: counted orders: ≥ 10 → 5, ≥ 5 → 4, ≥ 3 → 3, 2 → 2, 1 → 1.
 * - M: the account's quintile of net revenue among the tenant's customers (given by the caller).
 */
export function rfmCode(input: {
  daysSinceLastOrder: number;
  orderCount: number;
  monetaryQuintile: number;
}): string {
  return `${recencyScore(input.daysSinceLastOrder)}${frequencyScore(input.orderCount)}${input.monetaryQuintile}`;
}

function recencyScore(days: number): number {
  if (days <= 30) return 5;
  if (days <= 90) return 4;
  if (days <= 180) return 3;
  if (days <= 365) return 2;
  return 1;
}

function frequencyScore(orders: number): number {
  if (orders >= 10) return 5;
  if (orders >= 5) return 4;
  if (orders >= 3) return 3;
  return orders >= 2 ? 2 : 1;
}
