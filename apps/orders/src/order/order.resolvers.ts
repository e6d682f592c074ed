import { assertPageSize, referencedId, requireCaller } from '@crm/subgraph';
import { listPositionId } from '../common/list-position';
import { money } from '../common/money';
import type { Resolvers } from '../generated/graphql';
import { balanceOf } from '../payment/payment.service';
import { ProductNotFoundError } from '../product/product.errors';
import { basisPointsToPercent } from './order-arithmetic';
import type { OrderReads } from './order.reads';
import type { OrderService } from './order.service';

export function orderResolvers(orders: OrderService, reads: OrderReads): Resolvers {
  return {
    Query: {
      order: (_root, args, context) => context.loaders.orderById.load(args.id),
      orders: async (_root, args, context) => {
        const page = await reads.listOrders(
          requireCaller(context).tenantId,
          { status: args.status, paymentStatus: args.paymentStatus, salesModel: args.salesModel },
          args.first,
          args.after,
        );
        for (const order of page) context.loaders.orderById.prime(order.id, order);
        return page;
      },
    },
    Mutation: {
      placeOrder: (_root, args, context) => orders.placeOrder(requireCaller(context), args.input),
      confirmOrder: (_root, args, context) => orders.confirmOrder(requireCaller(context), args.id),
      cancelOrder: (_root, args, context) => orders.cancelOrder(requireCaller(context), args.id, args.reason),
    },
    Order: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.orderById.load(id);
      },
      account: (order) => ({ id: order.accountId }),
      contact: (order) => (order.contactId ? { id: order.contactId } : null),
      opportunity: (order) => (order.opportunityId ? { id: order.opportunityId } : null),
      quote: (order) => (order.quoteId ? { id: order.quoteId } : null),
      subtotal: (order) => money(order.subtotalMinor, order.currency),
      discount: (order) => money(order.discountMinor, order.currency),
      tax: (order) => money(order.taxMinor, order.currency),
      total: (order) => money(order.totalMinor, order.currency),
      paid: (order) => money(order.paidMinor, order.currency),
      refunded: (order) => money(order.refundedMinor, order.currency),
      balance: (order) => money(balanceOf(order), order.currency),
      lines: async (order, _args, context) =>
        (await context.loaders.linesByOrder.load(order.id)).map((line) =>
          Object.assign(line, { currency: order.currency }),
        ),
      payments: (order, _args, context) => context.loaders.paymentsByOrder.load(order.id),
      shipments: (order, _args, context) => context.loaders.shipmentsByOrder.load(order.id),
      statusHistory: (order, _args, context) => context.loaders.historyByOrder.load(order.id),
    },
    OrderLine: {
      product: async (line, _args, context) =>
        (await context.loaders.productById.load(line.productId)) ??
        Promise.reject(new ProductNotFoundError(line.productId)),
      unitPrice: (line) => money(line.unitPriceMinor, line.currency),
      discountPercent: (line) => basisPointsToPercent(line.discountBasisPoints),
      tax: (line) => money(line.taxMinor, line.currency),
      total: (line) => money(line.totalMinor, line.currency),
    },
    OrderStatusChange: {
      from: (change) => change.fromStatus,
      to: (change) => change.toStatus,
      at: (change) => change.changedAt,
      by: (change) => change.changedBy,
    },
    Account: {
      __resolveReference: (reference) => {
        const id = referencedId(reference);
        return id === null ? null : { id };
      },
      orders: (account, args, context) =>
        context.loaders.ordersByAccount.load({
          accountId: account.id.toLowerCase(),
          status: args.status ?? null,
          pageSize: assertPageSize(args.first, 'first'),
          afterId: args.after ? listPositionId(args.after) : null,
        }),
    },
    Opportunity: {
      __resolveReference: (reference) => {
        const id = referencedId(reference);
        return id === null ? null : { id };
      },
      orders: (opportunity, _args, context) =>
        context.loaders.ordersByOpportunity.load(opportunity.id.toLowerCase()),
    },
    Quote: {
      __resolveReference: (reference) => {
        const id = referencedId(reference);
        return id === null ? null : { id };
      },
      order: (quote, _args, context) => context.loaders.orderByQuote.load(quote.id.toLowerCase()),
    },
  };
}
