import { CreateLeadsAndPipelines1764259200000 } from './1764259200000-create-leads-and-pipelines';
import { CreateOpportunities1764259200001 } from './1764259200001-create-opportunities';
import { CreateQuotes1764259200002 } from './1764259200002-create-quotes';
import { CreateProjections1764259200003 } from './1764259200003-create-projections';
import { CreateOutboxAndInbox1764259200004 } from './1764259200004-create-outbox-and-inbox';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const pipelineMigrations = [
  CreateLeadsAndPipelines1764259200000,
  CreateOpportunities1764259200001,
  CreateQuotes1764259200002,
  CreateProjections1764259200003,
  CreateOutboxAndInbox1764259200004,
];
