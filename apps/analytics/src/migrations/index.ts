import { CreateReadModel1764259200000 } from './1764259200000-create-read-model';
import { CreateOutboxAndInbox1764259200001 } from './1764259200001-create-outbox-and-inbox';
import { CreateCustomerPeriods1764259200002 } from './1764259200002-create-customer-periods';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const analyticsMigrations = [
  CreateReadModel1764259200000,
  CreateOutboxAndInbox1764259200001,
  CreateCustomerPeriods1764259200002,
];
