import { referencedId, requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import { basisPointsToPercent } from '../order/order-arithmetic';
import type { ProductService } from './product.service';

export function productResolvers(products: ProductService): Resolvers {
  return {
    Query: {
      product: (_root, args, context) => context.loaders.productById.load(args.id),
      products: (_root, args, context) =>
        products.listProducts(
          requireCaller(context).tenantId,
          { search: args.search, category: args.category },
          args.first,
          args.after,
        ),
    },
    Mutation: {
      upsertProduct: (_root, args, context) => products.upsertProduct(requireCaller(context), args),
    },
    Product: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.productById.load(id);
      },
      taxRatePercent: (product) => basisPointsToPercent(product.taxRateBasisPoints),
    },
  };
}
