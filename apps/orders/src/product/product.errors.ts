import { NotFoundError } from '@crm/subgraph';

export class ProductNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('product', id);
  }
}
