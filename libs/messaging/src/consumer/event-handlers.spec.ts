import type { EntityManager } from 'typeorm';
import { AccountArchived, AccountCreated, type EventEnvelope } from '@crm/events';
import { on, type EventHandlers } from './event-handlers';

describe('on', () => {
  it('keys each handler by the CloudEvents type of its definition, so maps compose by spreading', async () => {
    const archived: string[] = [];
    const handlers: EventHandlers = {
      ...on(AccountCreated, async () => undefined),
      ...on(AccountArchived, async (_manager, event) => {
        // Typed payload: accountId and salesModel are known here without a cast.
        archived.push(`${event.data.accountId}/${event.data.salesModel}`);
      }),
    };

    expect(Object.keys(handlers).sort()).toEqual([AccountArchived.type, AccountCreated.type].sort());
    const event = { data: { accountId: 'a1', salesModel: 'B2B' } } as EventEnvelope;
    await handlers[AccountArchived.type]({} as EntityManager, event);
    expect(archived).toEqual(['a1/B2B']);
  });
});
