import { NotFoundError } from '@crm/subgraph';

export class ContactNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('contact', id);
  }
}
