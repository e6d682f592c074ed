import { NotFoundError } from '@crm/subgraph';

export class PriceListNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('price list', id);
  }
}
