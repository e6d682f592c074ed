import { CreateCatalog1764259200000 } from './1764259200000-create-catalog';
import { CreateOrders1764259200001 } from './1764259200001-create-orders';
import { CreateOutboxAndInbox1764259200002 } from './1764259200002-create-outbox-and-inbox';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const ordersMigrations = [
  CreateCatalog1764259200000,
  CreateOrders1764259200001,
  CreateOutboxAndInbox1764259200002,
];
