import { requireCaller } from '@crm/subgraph';
import { money } from '../common/money';
import type { Resolvers } from '../generated/graphql';
import type { PaymentService } from './payment.service';

export function paymentResolvers(payments: PaymentService): Resolvers {
  return {
    Mutation: {
      recordPayment: (_root, args, context) => payments.recordPayment(requireCaller(context), args.input),
      refundPayment: (_root, args, context) =>
        payments.refundPayment(requireCaller(context), args.paymentId, args.amountMinor, args.reason),
    },
    Payment: {
      amount: (payment) => money(payment.amountMinor, payment.currency),
      refundedAmount: (payment) => money(payment.refundedMinor, payment.currency),
    },
  };
}
