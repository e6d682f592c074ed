import { customerDataResolvers } from './customer-data/customer-data.resolvers';
import type { Resolvers } from './generated/graphql';
import { orderResolvers } from './order/order.resolvers';
import { paymentResolvers } from './payment/payment.resolvers';
import { priceListResolvers } from './price-list/price-list.resolvers';
import { productResolvers } from './product/product.resolvers';
import type { OrdersServices } from './services';
import { shipmentResolvers } from './shipment/shipment.resolvers';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createOrdersResolvers(services: OrdersServices): Resolvers {
  const products = productResolvers(services.products);
  const priceLists = priceListResolvers(services.priceLists);
  const orders = orderResolvers(services.orders, services.orderReads);
  const payments = paymentResolvers(services.payments);
  const shipments = shipmentResolvers(services.shipments);
  return {
    Query: { ...products.Query, ...priceLists.Query, ...orders.Query },
    Mutation: {
      ...products.Mutation,
      ...priceLists.Mutation,
      ...orders.Mutation,
      ...payments.Mutation,
      ...shipments.Mutation,
    },
    Product: products.Product,
    PriceList: priceLists.PriceList,
    PriceEntry: priceLists.PriceEntry,
    Order: orders.Order,
    OrderLine: orders.OrderLine,
    OrderStatusChange: orders.OrderStatusChange,
    Payment: payments.Payment,
    Account: orders.Account,
    Opportunity: orders.Opportunity,
    Quote: orders.Quote,
    CustomerDataExport: customerDataResolvers(services.customerData).CustomerDataExport,
  };
}
