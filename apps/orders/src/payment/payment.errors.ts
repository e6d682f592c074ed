import { NotFoundError } from '@crm/subgraph';

export class PaymentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('payment', id);
  }
}
