import { z } from 'zod';
import { defineEvent } from '../define-event';
import { PUBLISHING_SERVICES, type PublishingService } from '../topics';
import { isoDateTimeSchema } from './shared-schemas';

/**
 * A service's acknowledgement that it has anonymised or deleted what it held about an erased
 * account. Accounts collects one per service for `erasureStatus`. Each service publishes its own
 * type on its own topic, so the acknowledgement is as durable as the rest of its events.
 */
function accountErasureCompleted<TService extends PublishingService>(service: TService) {
  return defineEvent({
    service,
    name: 'AccountErasureCompleted',
    version: 1,
    schema: z.object({
      accountId: z.uuid(),
      service: z.literal(service),
      completedAt: isoDateTimeSchema,
    }),
  });
}

export const AccountErasureCompletedBy = Object.fromEntries(
  PUBLISHING_SERVICES.map((service) => [service, accountErasureCompleted(service)]),
) as { [S in PublishingService]: ReturnType<typeof accountErasureCompleted<S>> };

export const erasureEvents = Object.values(AccountErasureCompletedBy);
