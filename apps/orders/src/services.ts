import type { TenantScopedDatabase } from '@crm/database';
import { CustomerDataService } from './customer-data/customer-data.service';
import { OrderReads } from './order/order.reads';
import { OrderService } from './order/order.service';
import { PaymentService } from './payment/payment.service';
import { PriceListService } from './price-list/price-list.service';
import { ProductService } from './product/product.service';
import { ShipmentService } from './shipment/shipment.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface OrdersServices {
  products: ProductService;
  priceLists: PriceListService;
  orders: OrderService;
  orderReads: OrderReads;
  payments: PaymentService;
  shipments: ShipmentService;
  customerData: CustomerDataService;
}

export function createOrdersServices(database: TenantScopedDatabase): OrdersServices {
  return {
    products: new ProductService(database),
    priceLists: new PriceListService(database),
    orders: new OrderService(database),
    orderReads: new OrderReads(database),
    payments: new PaymentService(database),
    shipments: new ShipmentService(database),
    customerData: new CustomerDataService(database),
  };
}
