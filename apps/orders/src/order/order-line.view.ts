import type { OrderLineEntity } from './order-line.entity';

/** A line with its order's currency, so its amounts need no further read. */
export type OrderLineView = OrderLineEntity & { currency: string };
