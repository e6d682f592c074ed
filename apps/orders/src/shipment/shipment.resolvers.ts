import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { ShipmentService } from './shipment.service';

export function shipmentResolvers(shipments: ShipmentService): Resolvers {
  return {
    Mutation: {
      dispatchShipment: (_root, args, context) => shipments.dispatchShipment(requireCaller(context), args),
      markDelivered: (_root, args, context) =>
        shipments.markDelivered(requireCaller(context), args.shipmentId),
      markReturned: (_root, args, context) => shipments.markReturned(requireCaller(context), args.orderId),
    },
  };
}
