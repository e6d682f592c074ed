import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { PipelineService } from './pipeline.service';

export function pipelineResolvers(pipelines: PipelineService): Resolvers {
  return {
    Query: {
      pipelines: (_root, args, context) => pipelines.listPipelines(requireCaller(context), args.salesModel),
    },
    Mutation: {
      createPipeline: (_root, args, context) => pipelines.createPipeline(requireCaller(context), args.input),
    },
    Pipeline: {
      __resolveReference: (reference, context) =>
        typeof reference.id === 'string' ? context.loaders.pipelines.byId.load(reference.id) : null,
      stages: (pipeline, _args, context) => context.loaders.pipelines.stagesOf.load(pipeline.id),
    },
  };
}
