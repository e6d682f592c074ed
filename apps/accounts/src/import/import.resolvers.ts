import { InvalidInputError, requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { AccountImportService } from './account-import.service';
import { parseImportMapping } from './import-mapping';

const MAX_ERRORS_PER_PAGE = 10_000;

export function importResolvers(imports: AccountImportService): Resolvers {
  return {
    Query: {
      importJob: (_root, args, context) => imports.findJob(requireCaller(context).tenantId, args.id),
    },
    Mutation: {
      importAccountsCsv: async (_root, args, context) => {
        const { job, errors } = await imports.importCsvText(
          requireCaller(context),
          args.csv,
          parseImportMapping(args.mapping),
        );
        return { jobId: job.id, created: job.created, updated: job.updated, failed: job.failed, errors };
      },
    },
    ImportJob: {
      errors: (job, args) => {
        const first = args.first ?? 100;
        if (first < 0 || first > MAX_ERRORS_PER_PAGE) {
          throw new InvalidInputError([
            { field: 'first', message: `must be between 0 and ${MAX_ERRORS_PER_PAGE}` },
          ]);
        }
        return imports.errorsOf(job.tenantId, job.id, first);
      },
    },
  };
}
