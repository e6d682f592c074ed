import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, isUuid } from '@crm/subgraph';
import { OrderLineEntity } from '../order/order-line.entity';
import { OrderStatusChangeEntity } from '../order/order-status-change.entity';
import { OrderEntity } from '../order/order.entity';
import { PaymentEntity } from '../payment/payment.entity';
import { RefundEntity } from '../payment/refund.entity';
import { ShipmentEntity } from '../shipment/shipment.entity';

/**
 * GDPR Art. 15/20: every record orders holds about an account, as plain JSON (amounts in minor
 * units as strings, times in ISO 8601). Orders hold no other personal data than these rows.
 */
export class CustomerDataService {
  constructor(private readonly database: TenantScopedDatabase) {}

  exportAccount(tenantId: string, accountId: string): Promise<Record<string, unknown>> {
    if (!isUuid(accountId)) return Promise.resolve({ orders: [] });
    const id = canonicalUuid(accountId);
    return this.database.inTenant(tenantId, async (manager) => {
      const orders = await manager.find(OrderEntity, {
        where: { tenantId, accountId: id },
        order: { createdAt: 'ASC' },
      });
      const orderIds = orders.map((order) => order.id);
      const childrenOf = async <T extends { tenantId: string; orderId: string }>(target: new () => T) =>
        orderIds.length === 0
          ? []
          : ((await manager
              .createQueryBuilder(target, 'row')
              .where('row.tenantId = :tenantId AND row.orderId = ANY(:orderIds)', { tenantId, orderIds })
              .getMany()) as T[]);
      const [lines, payments, refunds, shipments, history] = await Promise.all([
        childrenOf(OrderLineEntity),
        childrenOf(PaymentEntity),
        childrenOf(RefundEntity),
        childrenOf(ShipmentEntity),
        childrenOf(OrderStatusChangeEntity),
      ]);
      const of = <T extends { tenantId: string; orderId: string }>(rows: T[], orderId: string) =>
        rows
          .filter((row) => row.orderId === orderId)
          .map(({ tenantId: _tenant, orderId: _order, ...rest }) => withoutRelations(rest));
      return {
        orders: orders.map(({ tenantId: _tenant, payloadHash: _hash, ...order }) => ({
          ...withoutRelations(order),
          lines: of(lines, order.id),
          payments: of(payments, order.id),
          refunds: of(refunds, order.id),
          shipments: of(shipments, order.id),
          statusHistory: of(history, order.id),
        })),
      };
    });
  }
}

/** Entity fields only: the relation placeholders (never loaded) and the hash are not data. */
function withoutRelations<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !['order', 'product', 'payment', 'payloadHash'].includes(key)),
  );
}
