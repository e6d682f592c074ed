import { assertPageSize, referencedId, requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { SegmentService } from './segment.service';

export function segmentResolvers(segments: SegmentService): Resolvers {
  return {
    Query: {
      segments: (_root, _args, context) => segments.listSegments(requireCaller(context).tenantId),
      previewSegment: (_root, args, context) =>
        segments.previewSegment(requireCaller(context).tenantId, args.rules),
    },
    Mutation: {
      createSegment: (_root, args, context) => segments.createSegment(requireCaller(context), args.input),
    },
    Segment: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.segmentById.load(id);
      },
      memberCount: (segment, _args, context) => context.loaders.segmentMemberCount.load(segment),
      members: async (segment, args, context) => {
        const ids = await segments.memberIds(
          requireCaller(context).tenantId,
          segment,
          assertPageSize(args.first, 'first'),
          args.after,
        );
        return ids.map((id) => ({ id }));
      },
    },
  };
}
