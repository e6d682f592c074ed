import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { AccountProfileEntity } from './account-profile/account-profile.entity';
import { ordersMigrations } from './migrations';
import { OrderCounterEntity } from './order/order-counter.entity';
import { OrderLineEntity } from './order/order-line.entity';
import { OrderStatusChangeEntity } from './order/order-status-change.entity';
import { OrderEntity } from './order/order.entity';
import { PaymentEntity } from './payment/payment.entity';
import { RefundEntity } from './payment/refund.entity';
import { PriceEntryEntity } from './price-list/price-entry.entity';
import { PriceListEntity } from './price-list/price-list.entity';
import { ProductEntity } from './product/product.entity';
import { ShipmentEntity } from './shipment/shipment.entity';

export const ordersEntities = [
  ProductEntity,
  PriceListEntity,
  PriceEntryEntity,
  AccountProfileEntity,
  OrderCounterEntity,
  OrderEntity,
  OrderLineEntity,
  OrderStatusChangeEntity,
  PaymentEntity,
  RefundEntity,
  ShipmentEntity,
];

/** The one description of the orders database, shared by the service, migrations and tests. */
export function ordersDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-orders',
    entities: ordersEntities,
    migrations: ordersMigrations,
    ...overrides,
  };
}

export function createOrdersDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(ordersDatabaseOptions(url, overrides));
}
