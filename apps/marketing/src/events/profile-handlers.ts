import {
  AccountArchived,
  AccountCreated,
  AccountErased,
  AccountMerged,
  AccountUpdated,
  ActivityCompleted,
  ActivityLogged,
  ContactCreated,
  ContactUpdated,
  OrderCancelled,
  OrderPlaced,
  PaymentRefunded,
} from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import {
  markProfileArchived,
  upsertAccountProfile,
  upsertProfileContact,
} from '../profile/account-projection';
import { recordInteraction } from '../profile/interaction-projection';
import { recordOrderCancelled, recordOrderRefund, recordPlacedOrder } from '../profile/order-projection';
import { eraseAccount } from '../privacy/erase-account';
import { mergeAccounts } from '../privacy/merge-accounts';

/** What marketing projects from the accounts, orders and interactions topics. */
export const profileEventHandlers: EventHandlers = {
  ...on(AccountCreated, (manager, event) => upsertAccountProfile(manager, event.tenantid, event.data)),
  ...on(AccountUpdated, (manager, event) => upsertAccountProfile(manager, event.tenantid, event.data)),
  ...on(AccountArchived, (manager, event) =>
    markProfileArchived(manager, event.tenantid, event.data.accountId),
  ),
  ...on(ContactCreated, (manager, event) => upsertProfileContact(manager, event.tenantid, event.data)),
  ...on(ContactUpdated, (manager, event) => upsertProfileContact(manager, event.tenantid, event.data)),
  ...on(AccountMerged, (manager, event) => mergeAccounts(manager, event.tenantid, event.data)),
  ...on(AccountErased, (manager, event) => eraseAccount(manager, event.tenantid, event.data)),
  ...on(OrderPlaced, (manager, event) => recordPlacedOrder(manager, event.tenantid, event.data)),
  ...on(PaymentRefunded, (manager, event) =>
    recordOrderRefund(manager, event.tenantid, event.data.orderId, event.data.refundedTotal.amountMinor),
  ),
  ...on(OrderCancelled, (manager, event) =>
    recordOrderCancelled(manager, event.tenantid, event.data.orderId),
  ),
  ...on(ActivityLogged, async (manager, event) => {
    if (event.data.accountId === null || event.data.status !== 'DONE') return;
    await recordInteraction(manager, event.tenantid, event.data.accountId, event.data.startsAt);
  }),
  ...on(ActivityCompleted, async (manager, event) => {
    if (event.data.accountId === null) return;
    await recordInteraction(manager, event.tenantid, event.data.accountId, event.data.completedAt);
  }),
};
