import type { EntityManager } from 'typeorm';
import { AccountArchived } from '@crm/events';
import { publishEvent } from './publish-event';

const TENANT = '0190f7c2-0000-7000-8000-000000000001';
const ACCOUNT = '0190f7c2-0000-7000-8000-000000000002';

function fakeManager(isTransactionActive: boolean) {
  const query = jest.fn().mockResolvedValue([]);
  const manager = { queryRunner: { isTransactionActive }, query } as unknown as EntityManager;
  return { manager, query };
}

const facts = {
  tenantId: TENANT,
  actorId: 'system',
  aggregateId: ACCOUNT,
  aggregateVersion: 4,
  data: { accountId: ACCOUNT, salesModel: 'B2C' as const },
};

describe('publishEvent', () => {
  it('inserts the validated envelope into the outbox through the given transaction and returns it', async () => {
    const { manager, query } = fakeManager(true);

    const envelope = await publishEvent(manager, AccountArchived, facts);

    expect(envelope).toMatchObject({
      type: AccountArchived.type,
      subject: ACCOUNT,
      tenantid: TENANT,
      sequence: '4',
    });
    expect(query).toHaveBeenCalledTimes(1);
    const [sql, params] = query.mock.calls[0];
    expect(sql).toMatch(/^INSERT INTO "outbox"/);
    expect(params).toEqual([envelope.id, TENANT, 'crm.accounts.events', ACCOUNT, JSON.stringify(envelope)]);
  });

  it('refuses a manager outside a transaction, and writes nothing', async () => {
    const { manager, query } = fakeManager(false);
    await expect(publishEvent(manager, AccountArchived, facts)).rejects.toThrow(
      /transaction that changes state/,
    );
    expect(query).not.toHaveBeenCalled();
  });

  it('refuses data that does not match the event schema, and writes nothing', async () => {
    const { manager, query } = fakeManager(true);
    const invalid = { ...facts, data: { accountId: 'not-a-uuid', salesModel: 'B2C' as const } };
    await expect(publishEvent(manager, AccountArchived, invalid)).rejects.toThrow();
    expect(query).not.toHaveBeenCalled();
  });
});
