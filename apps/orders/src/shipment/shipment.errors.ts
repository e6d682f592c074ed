import { NotFoundError } from '@crm/subgraph';

export class ShipmentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('shipment', id);
  }
}
