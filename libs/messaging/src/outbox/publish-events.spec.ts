import type { EntityManager } from 'typeorm';
import { AccountArchived } from '@crm/events';
import { pendingEvent, publishEvents } from './publish-events';

const TENANT = '0190f7c2-0000-7000-8000-000000000001';
const ACCOUNTS = ['0190f7c2-0000-7000-8000-000000000002', '0190f7c2-0000-7000-8000-000000000003'];

function fakeManager(isTransactionActive: boolean) {
  const query = jest.fn().mockResolvedValue([]);
  const manager = { queryRunner: { isTransactionActive }, query } as unknown as EntityManager;
  return { manager, query };
}

const archived = (accountId: string) =>
  pendingEvent(AccountArchived, {
    tenantId: TENANT,
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 2,
    data: { accountId, salesModel: 'B2B' },
  });

describe('publishEvents', () => {
  it('inserts every envelope into the outbox in one statement, in list order', async () => {
    const { manager, query } = fakeManager(true);
    const events = ACCOUNTS.map(archived);

    await publishEvents(manager, events);

    expect(query).toHaveBeenCalledTimes(1);
    const [sql, [json]] = query.mock.calls[0];
    expect(sql).toMatch(/^INSERT INTO "outbox"/);
    expect(JSON.parse(json)).toEqual(
      events.map(({ envelope }) => ({
        id: envelope.id,
        tenant_id: TENANT,
        topic: 'crm.accounts.events',
        message_key: envelope.subject,
        envelope,
      })),
    );
  });

  it('writes nothing for an empty list', async () => {
    const { manager, query } = fakeManager(true);
    await publishEvents(manager, []);
    expect(query).not.toHaveBeenCalled();
  });

  it('refuses a manager outside a transaction, and writes nothing', async () => {
    const { manager, query } = fakeManager(false);
    await expect(publishEvents(manager, [archived(ACCOUNTS[0] as string)])).rejects.toThrow(/transaction/);
    expect(query).not.toHaveBeenCalled();
  });
});

describe('pendingEvent', () => {
  it('refuses data that does not match the event schema', () => {
    expect(() =>
      pendingEvent(AccountArchived, {
        tenantId: TENANT,
        actorId: 'system',
        aggregateId: 'x',
        aggregateVersion: 1,
        data: { accountId: 'not-a-uuid', salesModel: 'B2B' },
      }),
    ).toThrow();
  });
});
