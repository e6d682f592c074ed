import { OrderStatusChanged, PaymentRecorded } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { planForPayment, planForStatusChange } from '../customer-messaging/customer-message.plan';
import { recordCustomerMessageIntent } from '../customer-messaging/customer-message.intent';

/** Order and payment events a customer hears about: recorded as send intents for the dispatcher. */
export const customerMessageHandlers: EventHandlers = {
  ...on(OrderStatusChanged, async (manager, event) => {
    const plan = planForStatusChange(event.data);
    if (plan) await recordCustomerMessageIntent(manager, event.tenantid, event.id, plan);
  }),
  ...on(PaymentRecorded, async (manager, event) => {
    const plan = planForPayment(event.data);
    if (plan) await recordCustomerMessageIntent(manager, event.tenantid, event.id, plan);
  }),
};
