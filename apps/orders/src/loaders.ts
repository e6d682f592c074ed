import DataLoader from 'dataloader';
import { requireCaller, type Caller } from '@crm/subgraph';
import type { OrderLineEntity } from './order/order-line.entity';
import type { OrderStatusChangeEntity } from './order/order-status-change.entity';
import type { OrderEntity } from './order/order.entity';
import type { AccountOrdersKey } from './order/order.reads';
import type { PaymentEntity } from './payment/payment.entity';
import type { PriceEntryEntity } from './price-list/price-entry.entity';
import type { PriceListEntity } from './price-list/price-list.entity';
import type { ProductEntity } from './product/product.entity';
import type { OrdersServices } from './services';
import type { ShipmentEntity } from './shipment/shipment.entity';

/** Per request, so batching and caching never cross requests or tenants. */
export interface OrdersLoaders {
  productById: DataLoader<string, ProductEntity | null>;
  priceListById: DataLoader<string, PriceListEntity | null>;
  entriesByPriceList: DataLoader<string, PriceEntryEntity[]>;
  orderById: DataLoader<string, OrderEntity | null>;
  ordersByAccount: DataLoader<AccountOrdersKey, OrderEntity[], string>;
  ordersByOpportunity: DataLoader<string, OrderEntity[]>;
  orderByQuote: DataLoader<string, OrderEntity | null>;
  linesByOrder: DataLoader<string, OrderLineEntity[]>;
  paymentsByOrder: DataLoader<string, PaymentEntity[]>;
  shipmentsByOrder: DataLoader<string, ShipmentEntity[]>;
  historyByOrder: DataLoader<string, OrderStatusChangeEntity[]>;
}

export function ordersLoaderFactory(services: OrdersServices): (caller: Caller | null) => OrdersLoaders {
  return (caller) => {
    const tenantId = () => requireCaller({ caller }).tenantId;
    const reads = services.orderReads;
    return {
      productById: new DataLoader((ids) => services.products.findByIds(tenantId(), ids)),
      priceListById: new DataLoader((ids) => services.priceLists.findByIds(tenantId(), ids)),
      entriesByPriceList: new DataLoader((ids) => services.priceLists.entriesByListIds(tenantId(), ids)),
      orderById: new DataLoader((ids) => reads.findByIds(tenantId(), ids)),
      ordersByAccount: new DataLoader((keys) => reads.pagesByAccounts(tenantId(), keys), {
        cacheKeyFn: (key) => JSON.stringify([key.accountId, key.status, key.pageSize, key.afterId]),
      }),
      ordersByOpportunity: new DataLoader((ids) => reads.byOpportunities(tenantId(), ids)),
      orderByQuote: new DataLoader((ids) => reads.byQuotes(tenantId(), ids)),
      linesByOrder: new DataLoader((ids) => reads.linesByOrders(tenantId(), ids)),
      paymentsByOrder: new DataLoader((ids) => reads.paymentsByOrders(tenantId(), ids)),
      shipmentsByOrder: new DataLoader((ids) => reads.shipmentsByOrders(tenantId(), ids)),
      historyByOrder: new DataLoader((ids) => reads.historyByOrders(tenantId(), ids)),
    };
  };
}
