import type { AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who sells: places and moves orders, records payments and shipments. */
const ORDER_WRITERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP'];
/** Catalog and prices are managed, not edited by every seller. */
const CATALOG_MANAGERS: readonly Role[] = ['ADMIN', 'MANAGER'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const ordersAccessRules = {
  Query: {
    product: EVERY_ROLE,
    products: EVERY_ROLE,
    priceLists: EVERY_ROLE,
    price: EVERY_ROLE,
    order: EVERY_ROLE,
    orders: EVERY_ROLE,
  },
  Mutation: {
    upsertProduct: CATALOG_MANAGERS,
    createPriceList: CATALOG_MANAGERS,
    setPrice: CATALOG_MANAGERS,
    placeOrder: ORDER_WRITERS,
    confirmOrder: ORDER_WRITERS,
    cancelOrder: ORDER_WRITERS,
    recordPayment: ORDER_WRITERS,
    refundPayment: ORDER_WRITERS,
    dispatchShipment: ORDER_WRITERS,
    markDelivered: ORDER_WRITERS,
    markReturned: ORDER_WRITERS,
  },
} satisfies AccessRules;
