import { NotFoundError } from '@crm/subgraph';

export class PipelineNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('pipeline', id);
  }
}
