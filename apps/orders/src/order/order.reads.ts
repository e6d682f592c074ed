import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrateEntities, type TenantScopedDatabase } from '@crm/database';
import { assertPageSize, inRequestedOrder, queryableIds } from '@crm/subgraph';
import type { OrderStatus, PaymentStatus, SalesModel } from '../common/enums';
import { groupedInRequestedOrder } from '../common/grouping';
import { listPositionId } from '../common/list-position';
import { PaymentEntity } from '../payment/payment.entity';
import { ShipmentEntity } from '../shipment/shipment.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderStatusChangeEntity } from './order-status-change.entity';
import { OrderEntity } from './order.entity';

export interface OrderFilter {
  status?: OrderStatus | null;
  paymentStatus?: PaymentStatus | null;
  salesModel?: SalesModel | null;
}

/** One page of one account's orders, as Account.orders asks for it. */
export interface AccountOrdersKey {
  accountId: string;
  status: OrderStatus | null;
  pageSize: number;
  afterId: string | null;
}

/** Newest first, after the order with id `afterId` when given (see list-position.ts). */
const AFTER_ORDER = `("o"."created_at", "o"."id") < (SELECT "created_at", "id" FROM "orders" WHERE "tenant_id" = :tenantId AND "id" = :afterId)`;

/** Every read of orders and their parts, batched for DataLoaders: one statement per batch. */
export class OrderReads {
  constructor(private readonly database: TenantScopedDatabase) {}

  async findByIds(tenantId: string, ids: readonly string[]): Promise<(OrderEntity | null)[]> {
    const wanted = queryableIds(ids);
    const rows =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            manager
              .createQueryBuilder(OrderEntity, 'o')
              .where('o.tenantId = :tenantId AND o.id = ANY(:ids)', { tenantId, ids: wanted })
              .getMany(),
          );
    return inRequestedOrder(ids, rows);
  }

  listOrders(
    tenantId: string,
    filter: OrderFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<OrderEntity[]> {
    const pageSize = assertPageSize(first, 'first');
    const afterId = after ? listPositionId(after) : null;
    return this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(OrderEntity, 'o')
        .where('o.tenantId = :tenantId', { tenantId });
      if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
      if (filter.paymentStatus)
        query.andWhere('o.paymentStatus = :paymentStatus', { paymentStatus: filter.paymentStatus });
      if (filter.salesModel) query.andWhere('o.salesModel = :salesModel', { salesModel: filter.salesModel });
      if (afterId) query.andWhere(AFTER_ORDER, { afterId });
      return query.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'DESC').limit(pageSize).getMany();
    });
  }

  /**
   * Pages of several accounts' orders in one statement per distinct (status, size, after): each
   * account's newest orders ranked with a window function.
   */
  async pagesByAccounts(tenantId: string, keys: readonly AccountOrdersKey[]): Promise<OrderEntity[][]> {
    const batches = new Map<string, AccountOrdersKey[]>();
    for (const key of keys) {
      const batchKey = JSON.stringify([key.status, key.pageSize, key.afterId]);
      batches.set(batchKey, [...(batches.get(batchKey) ?? []), key]);
    }
    const pages = new Map<AccountOrdersKey, OrderEntity[]>();
    await this.database.inTenant(tenantId, async (manager) => {
      for (const batch of batches.values()) {
        const [{ status, pageSize, afterId }] = batch as [AccountOrdersKey];
        const accountIds = queryableIds(batch.map((key) => key.accountId));
        const rows =
          accountIds.length === 0 || pageSize === 0
            ? []
            : await rankedAccountOrders(manager, tenantId, accountIds, status, pageSize, afterId);
        const byKey = groupedInRequestedOrder(
          batch.map((key) => key.accountId),
          rows,
          (order) => order.accountId,
        );
        batch.forEach((key, index) => pages.set(key, byKey[index] ?? []));
      }
    });
    return keys.map((key) => pages.get(key) ?? []);
  }

  async byOpportunities(tenantId: string, ids: readonly string[]): Promise<OrderEntity[][]> {
    const rows = await this.childrenOf(tenantId, OrderEntity, 'opportunityId', ids, 'createdAt');
    return groupedInRequestedOrder(ids, rows, (order) => order.opportunityId ?? '');
  }

  async byQuotes(tenantId: string, ids: readonly string[]): Promise<(OrderEntity | null)[]> {
    const rows = await this.childrenOf(tenantId, OrderEntity, 'quoteId', ids, 'createdAt');
    return groupedInRequestedOrder(ids, rows, (order) => order.quoteId ?? '').map(
      (group) => group[0] ?? null,
    );
  }

  async linesByOrders(tenantId: string, orderIds: readonly string[]): Promise<OrderLineEntity[][]> {
    const rows = await this.childrenOf(tenantId, OrderLineEntity, 'orderId', orderIds, 'position');
    return groupedInRequestedOrder(orderIds, rows, (line) => line.orderId);
  }

  async paymentsByOrders(tenantId: string, orderIds: readonly string[]): Promise<PaymentEntity[][]> {
    const rows = await this.childrenOf(tenantId, PaymentEntity, 'orderId', orderIds, 'receivedAt');
    return groupedInRequestedOrder(orderIds, rows, (payment) => payment.orderId);
  }

  async shipmentsByOrders(tenantId: string, orderIds: readonly string[]): Promise<ShipmentEntity[][]> {
    const rows = await this.childrenOf(tenantId, ShipmentEntity, 'orderId', orderIds, 'dispatchedAt');
    return groupedInRequestedOrder(orderIds, rows, (shipment) => shipment.orderId);
  }

  async historyByOrders(tenantId: string, orderIds: readonly string[]): Promise<OrderStatusChangeEntity[][]> {
    const rows = await this.childrenOf(tenantId, OrderStatusChangeEntity, 'orderId', orderIds, 'changedAt');
    return groupedInRequestedOrder(orderIds, rows, (change) => change.orderId);
  }

  /** Rows whose `column` is one of `ids`, oldest first by `orderColumn` (ties by insertion id). */
  private async childrenOf<T extends ObjectLiteral>(
    tenantId: string,
    target: EntityTarget<T>,
    column: string,
    ids: readonly string[],
    orderColumn: string,
  ): Promise<T[]> {
    const wanted = queryableIds(ids);
    if (wanted.length === 0) return [];
    return this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(target, 'row')
        .where(`row.tenantId = :tenantId AND row.${column} = ANY(:ids)`, { tenantId, ids: wanted })
        .orderBy(`row.${orderColumn}`, 'ASC')
        .getMany(),
    );
  }
}

async function rankedAccountOrders(
  manager: EntityManager,
  tenantId: string,
  accountIds: string[],
  status: OrderStatus | null,
  pageSize: number,
  afterId: string | null,
): Promise<OrderEntity[]> {
  const conditions = [`"o"."tenant_id" = $1`, `"o"."account_id" = ANY($2)`];
  const parameters: unknown[] = [tenantId, accountIds, pageSize];
  if (status) {
    parameters.push(status);
    conditions.push(`"o"."status" = $${parameters.length}`);
  }
  if (afterId) {
    parameters.push(afterId);
    conditions.push(
      `("o"."created_at", "o"."id") < (SELECT "created_at", "id" FROM "orders" WHERE "tenant_id" = $1 AND "id" = $${parameters.length})`,
    );
  }
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT * FROM (
       SELECT "o".*, row_number() OVER (PARTITION BY "o"."account_id" ORDER BY "o"."created_at" DESC, "o"."id" DESC) AS "rank"
       FROM "orders" "o" WHERE ${conditions.join(' AND ')}
     ) "ranked" WHERE "rank" <= $3 ORDER BY "account_id", "created_at" DESC, "id" DESC`,
    parameters,
  );
  return hydrateEntities(manager, OrderEntity, rows);
}
