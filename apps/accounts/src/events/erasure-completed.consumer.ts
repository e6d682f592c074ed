import { AccountErasureCompletedBy } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { recordErasureAcknowledgement } from '../erasure/erasure.store';

/**
 * Every other service's AccountErasureCompleted → its acknowledgement for erasureStatus. Accounts
 * records its own in the erasure's transaction, so it does not listen to its own topic.
 */
export const erasureCompletedHandlers: EventHandlers = Object.assign(
  {},
  ...Object.values(AccountErasureCompletedBy)
    .filter((definition) => definition.service !== 'accounts')
    .map((definition) =>
      on(definition, (manager, event) =>
        recordErasureAcknowledgement(manager, event.tenantid, {
          accountId: event.data.accountId,
          service: event.data.service,
          completedAt: new Date(event.data.completedAt),
        }),
      ),
    ),
) as EventHandlers;
