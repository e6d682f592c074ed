import { referencedId, requireCaller } from '@crm/subgraph';
import { money } from '../common/money';
import type { Resolvers } from '../generated/graphql';
import { ProductNotFoundError } from '../product/product.errors';
import type { PriceListService } from './price-list.service';

export function priceListResolvers(priceLists: PriceListService): Resolvers {
  return {
    Query: {
      priceLists: (_root, args, context) =>
        priceLists.listPriceLists(requireCaller(context).tenantId, args.salesModel),
      price: (_root, args, context) =>
        priceLists.price(requireCaller(context).tenantId, args.productId, args.accountId, args.quantity),
    },
    Mutation: {
      createPriceList: (_root, args, context) => priceLists.createPriceList(requireCaller(context), args),
      setPrice: (_root, args, context) => priceLists.setPrice(requireCaller(context), args),
    },
    PriceList: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.priceListById.load(id);
      },
      entries: async (list, _args, context) =>
        (await context.loaders.entriesByPriceList.load(list.id)).map((entry) =>
          Object.assign(entry, { currency: list.currency }),
        ),
    },
    PriceEntry: {
      product: async (entry, _args, context) =>
        (await context.loaders.productById.load(entry.productId)) ??
        Promise.reject(new ProductNotFoundError(entry.productId)),
      unitPrice: (entry) => money(entry.unitPriceMinor, entry.currency),
    },
  };
}
